import type { Breach } from '@/lib/ops/find-breaches';
import type { RequestSummary, RouteStats } from '@/lib/ops/route-stats';
import type { Thresholds } from '@/lib/ops/thresholds';

const ms = (value: number) => (Number.isNaN(value) ? '-' : `${Math.round(value)}`);
const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;

function row(stats: RouteStats, width: number): string {
  return [
    stats.route.padEnd(width),
    String(stats.requests).padStart(8),
    ms(stats.p50).padStart(8),
    ms(stats.p95).padStart(8),
    ms(stats.p99).padStart(8),
    percent(stats.errorRate).padStart(8),
  ].join('  ');
}

function describe(breach: Breach): string {
  return breach.kind === 'p95'
    ? `${breach.route}: p95 ${ms(breach.value)} ms > ${breach.limit} ms`
    : `${breach.route}: error rate ${percent(breach.value)} > ${percent(breach.limit)}`;
}

/** The report as printed: a table of routes, the overall row, then one summary line (OK or ALERT with each breach). */
export function formatReport(summary: RequestSummary, breaches: readonly Breach[], thresholds: Thresholds): string {
  const width = Math.max(5, ...summary.routes.map((stats) => stats.route.length));
  const header = ['route'.padEnd(width), 'requests', 'p50 ms', 'p95 ms', 'p99 ms', '5xx'].map((cell, i) => (i === 0 ? cell : cell.padStart(8))).join('  ');
  const lines = [header, ...summary.routes.map((stats) => row(stats, width)), row(summary.overall, width), ''];
  const { overall } = summary;
  const figures = `${overall.requests} requests on ${summary.routes.length} routes, p95 ${ms(overall.p95)} ms, error rate ${percent(overall.errorRate)}`;
  const limits = `(alert at p95 > ${thresholds.p95Ms} ms or error rate > ${percent(thresholds.errorRate)})`;
  lines.push(breaches.length === 0 ? `OK: ${figures} ${limits}` : `ALERT: ${figures} ${limits}; ${breaches.map(describe).join('; ')}`);
  return lines.join('\n');
}
