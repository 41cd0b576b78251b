import { formatUsd } from '@/lib/client/format-money';
import type { RunStatsDay, RunStatsModel } from '@/lib/zod/schemas/run-stats';

/** What the dashboard's charts can show, and how each reads in axes, tooltips and summaries. */
export const CHART_METRICS = ['runs', 'tokens', 'costUsd'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];

export const CHART_METRIC_LABELS: Record<ChartMetric, string> = { runs: 'Runs', tokens: 'Tokens', costUsd: 'Cost' };

const count = (n: number) => n.toLocaleString('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** A 'YYYY-MM-DD' UTC day: "Dec 1" on an axis, "Tue, Dec 1, 2026" in a tooltip. */
export function formatDay(day: string, style: 'short' | 'long' = 'short'): string {
  const date = new Date(`${day}T00:00:00Z`);
  return style === 'short'
    ? date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
    : date.toLocaleDateString('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}

/** The range as a phrase: "Nov 2 – Dec 1, 2026", or one day. */
export function formatRange(from: string, to: string): string {
  if (from === to) return formatDay(from, 'long');
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const start = new Date(`${from}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  });
  const end = new Date(`${to}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  return `${start} – ${end}`;
}

/** An exact value with its unit: "1 run", "1,380 tokens", "< $0.01". */
export function formatMetric(metric: ChartMetric, value: number): string {
  if (metric === 'costUsd') return formatUsd(value);
  const unit = metric === 'runs' ? 'run' : 'token';
  return `${count(value)} ${value === 1 ? unit : `${unit}s`}`;
}

/** An axis tick: short, and still distinct for the fractions of a cent most runs cost. */
export function formatAxis(metric: ChartMetric, value: number): string {
  if (metric !== 'costUsd') return compact.format(value);
  if (value === 0) return '$0';
  if (Math.abs(value) < 0.01) return `$${Number(value.toPrecision(2))}`;
  // Cents as money reads them ($0.30, not $0.3); whole dollars once the scale is that large.
  return Math.abs(value) >= 10 ? `$${compact.format(value)}` : `$${value.toFixed(2)}`;
}

const metricOf = (metric: ChartMetric) => (row: RunStatsDay | RunStatsModel) => row[metric];

/** One sentence for the chart's caption: the total, the busiest day and how many days had nothing. */
export function summarizeDays(days: RunStatsDay[], metric: ChartMetric): string {
  const value = metricOf(metric);
  const total = days.reduce((sum, day) => sum + value(day), 0);
  const range = days.length ? formatRange(days[0]!.day, days.at(-1)!.day) : '';
  if (total === 0) return `${formatMetric(metric, 0)} on every day, ${range}.`;
  const peak = days.reduce((best, day) => (value(day) > value(best) ? day : best));
  const empty = days.filter((day) => value(day) === 0).length;
  return (
    `${formatMetric(metric, total)} in total over ${count(days.length)} ${days.length === 1 ? 'day' : 'days'}, ${range}; ` +
    `the most on ${formatDay(peak.day, 'long')} (${formatMetric(metric, value(peak))})` +
    (empty ? `; ${count(empty)} ${empty === 1 ? 'day' : 'days'} with none.` : '.')
  );
}

export function summarizeModels(models: RunStatsModel[], metric: ChartMetric): string {
  const value = metricOf(metric);
  return models.map((model) => `${model.model}: ${formatMetric(metric, value(model))}`).join('; ');
}
