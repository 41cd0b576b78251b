import { formatUsd } from '@/lib/client/format-money';
import type { RunStatsDay, RunStatsModel } from '@/lib/zod/schemas/run-stats';

/** What the dashboard's charts can show, and how each reads in axes, tooltips and summaries. */
export const CHART_METRICS = ['runs', 'tokens', 'costUsd', 'approvalRate'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];

export const CHART_METRIC_LABELS: Record<ChartMetric, string> = { runs: 'Runs', tokens: 'Tokens', costUsd: 'Cost', approvalRate: 'Approval rate' };

/** A day's or a model's figures: what every chart row has. */
export type StatsRow = Omit<RunStatsDay, 'day'>;

const count = (n: number) => n.toLocaleString('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const percent = (share: number) => `${Math.round(share * 100)}%`;

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

/** An exact value with its unit: "1 run", "1,380 tokens", "< $0.01", "2 of 3 rated runs approved (67%)". */
export function formatMetric(metric: ChartMetric, row: StatsRow): string {
  if (metric === 'costUsd') return formatUsd(row.costUsd);
  if (metric === 'approvalRate') {
    return row.approvalRate === null ? 'no rated runs' : `${count(row.approved)} of ${count(row.rated)} rated ${row.rated === 1 ? 'run' : 'runs'} approved (${percent(row.approvalRate)})`;
  }
  const value = row[metric];
  const unit = metric === 'runs' ? 'run' : 'token';
  return `${count(value)} ${value === 1 ? unit : `${unit}s`}`;
}

/** An axis tick: short, and still distinct for the fractions of a cent most runs cost. */
export function formatAxis(metric: ChartMetric, value: number): string {
  if (metric === 'approvalRate') return percent(value);
  if (metric !== 'costUsd') return compact.format(value);
  if (value === 0) return '$0';
  if (Math.abs(value) < 0.01) return `$${Number(value.toPrecision(2))}`;
  // Cents as money reads them ($0.30, not $0.3); whole dollars once the scale is that large.
  return Math.abs(value) >= 10 ? `$${compact.format(value)}` : `$${value.toFixed(2)}`;
}

/** The figure a bar shows: null (no bar) for the approval rate of a day without rated runs. */
export function chartValue(metric: ChartMetric, row: StatsRow): number | null {
  return row[metric];
}

function sumRows(rows: StatsRow[]): StatsRow {
  const total = (pick: (row: StatsRow) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  const approved = total((row) => row.approved);
  const rated = total((row) => row.rated);
  return {
    runs: total((row) => row.runs),
    approved,
    rated,
    approvalRate: rated === 0 ? null : approved / rated,
    tokens: total((row) => row.tokens),
    costUsd: total((row) => row.costUsd),
  };
}

/** One sentence for the chart's caption: the total, the highest day and how many days had nothing. */
export function summarizeDays(days: RunStatsDay[], metric: ChartMetric): string {
  const range = days.length ? formatRange(days[0]!.day, days.at(-1)!.day) : '';
  const span = `${count(days.length)} ${days.length === 1 ? 'day' : 'days'}, ${range}`;
  const total = sumRows(days);
  const shown = days.filter((day) => (chartValue(metric, day) ?? 0) > 0);
  if (metric === 'approvalRate' && total.approvalRate === null) return `No rated runs over ${span}.`;
  if (metric !== 'approvalRate' && shown.length === 0) return `${formatMetric(metric, total)} on every day, ${range}.`;
  const peak = days.reduce((best, day) => ((chartValue(metric, day) ?? -1) > (chartValue(metric, best) ?? -1) ? day : best));
  const empty = days.length - shown.length;
  const lead = metric === 'approvalRate' ? `${formatMetric(metric, total)} over ${span}` : `${formatMetric(metric, total)} in total over ${span}`;
  const rate = metric === 'approvalRate';
  const top = rate ? `the highest on ${formatDay(peak.day, 'long')} (${percent(peak.approvalRate ?? 0)})` : `the most on ${formatDay(peak.day, 'long')} (${formatMetric(metric, peak)})`;
  const none = rate ? 'without an approved run' : 'with none';
  return `${lead}; ${top}` + (empty ? `; ${count(empty)} ${empty === 1 ? 'day' : 'days'} ${none}.` : '.');
}

export function summarizeModels(models: RunStatsModel[], metric: ChartMetric): string {
  return models.map((model) => `${model.model}: ${formatMetric(metric, model)}`).join('; ');
}
