import { normaliseRoute } from '@/lib/ops/normalise-route';
import { percentile } from '@/lib/ops/percentile';
import type { RequestRecord } from '@/lib/ops/request-record';
import type { RequestSummary, RouteStats } from '@/lib/ops/route-stats';

function statsOf(route: string, records: readonly RequestRecord[]): RouteStats {
  const durations = records.map((record) => record.durationMs).sort((a, b) => a - b);
  const errors = records.filter((record) => record.status >= 500).length;
  return {
    route,
    requests: records.length,
    errors,
    errorRate: records.length === 0 ? 0 : errors / records.length,
    p50: percentile(durations, 50),
    p95: percentile(durations, 95),
    p99: percentile(durations, 99),
  };
}

/** Per route (`METHOD /path/:id`) and overall: request count, 5xx rate and p50/p95/p99 latency. Busiest route first. */
export function summariseRequests(records: readonly RequestRecord[]): RequestSummary {
  const byRoute = new Map<string, RequestRecord[]>();
  for (const record of records) {
    const key = `${record.method.toUpperCase()} ${normaliseRoute(record.path)}`;
    const list = byRoute.get(key);
    if (list) list.push(record);
    else byRoute.set(key, [record]);
  }
  const routes = [...byRoute.entries()]
    .map(([route, list]) => statsOf(route, list))
    .sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route));
  return { routes, overall: statsOf('all', records) };
}
