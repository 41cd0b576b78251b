import type { RequestSummary } from '@/lib/ops/route-stats';
import type { Thresholds } from '@/lib/ops/thresholds';

export interface Breach {
  route: string;
  kind: 'p95' | 'error-rate';
  value: number;
  limit: number;
}

/** Every threshold crossed, overall and per route (routes with at least `minRequests` requests). */
export function findBreaches(summary: RequestSummary, thresholds: Thresholds): Breach[] {
  const judged = [summary.overall, ...summary.routes.filter((route) => route.requests >= thresholds.minRequests)];
  const breaches: Breach[] = [];
  for (const stats of judged) {
    if (stats.requests === 0) continue;
    if (stats.p95 > thresholds.p95Ms) breaches.push({ route: stats.route, kind: 'p95', value: stats.p95, limit: thresholds.p95Ms });
    if (stats.errorRate > thresholds.errorRate) {
      breaches.push({ route: stats.route, kind: 'error-rate', value: stats.errorRate, limit: thresholds.errorRate });
    }
  }
  return breaches;
}
