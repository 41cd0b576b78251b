'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { exactUsd } from '@/lib/client/format-money';
import { CHART_METRIC_LABELS, chartValue, formatAxis, formatDay, formatMetric, type ChartMetric, type StatsRow } from '@/lib/client/format-stats';
import type { RunStatsDay, RunStatsModel } from '@/lib/zod/schemas/run-stats';
import styles from './dashboard.module.css';

/** Recharts, loaded on the client only (components/run-charts.tsx), so it never delays the first paint. */

/**
 * What Recharts hands a custom tooltip that these read: whether it shows, and the hovered
 * category (the day, or the model). The row is looked up by it, because a bar without a value
 * (the approval rate of a day nothing was rated) brings no payload.
 */
interface HoverProps<Row> {
  active?: boolean;
  label?: unknown;
  rows: Map<string, Row>;
  metric: ChartMetric;
}

function ValueLines({ metric, row }: { metric: ChartMetric; row: StatsRow }) {
  return (
    <>
      <span data-testid="chart-tooltip-value">{formatMetric(metric, row)}</span>
      {metric === 'costUsd' && row.costUsd > 0 ? <span className="muted">exactly {exactUsd(row.costUsd)}</span> : null}
    </>
  );
}

function DayTooltip({ active, label, rows, metric }: HoverProps<RunStatsDay>) {
  const day = rows.get(String(label));
  if (!active || !day) return null;
  return (
    <div className={styles.tooltip} data-testid="chart-tooltip">
      <strong>{formatDay(day.day, 'long')}</strong>
      <ValueLines metric={metric} row={day} />
    </div>
  );
}

function ModelTooltip({ active, label, rows, metric }: HoverProps<RunStatsModel>) {
  const model = rows.get(String(label));
  if (!active || !model) return null;
  return (
    <div className={styles.tooltip}>
      <strong>{model.model}</strong>
      <ValueLines metric={metric} row={model} />
    </div>
  );
}

/**
 * Whole numbers (runs, tokens) get at most one tick per unit, so a busiest day of 2 runs reads
 * 0, 1, 2 rather than 0 to 4.
 */
function tickCount(metric: ChartMetric, rows: StatsRow[]): number {
  if (metric === 'costUsd' || metric === 'approvalRate') return 5;
  const max = Math.max(0, ...rows.map((row) => chartValue(metric, row) ?? 0));
  return Math.max(2, Math.min(5, max + 1));
}

/** A rate runs from 0 to 100 % whatever the data; the rest from zero to their largest value. */
const domain = (metric: ChartMetric): [number, number | 'auto'] => [0, metric === 'approvalRate' ? 1 : 'auto'];

/** One bar per UTC day, days without runs included; dates on the x axis, the metric on the y axis. */
export function DailyBarChart({ days, metric, title }: { days: RunStatsDay[]; metric: ChartMetric; title: string }) {
  const rows = new Map(days.map((day) => [day.day, day]));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={days} margin={{ top: 12, right: 8, bottom: 0, left: 0 }} title={title}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="day" tickFormatter={(day: string) => formatDay(day)} interval="equidistantPreserveStart" minTickGap={12} tickLine={false} />
        <YAxis width="auto" domain={domain(metric)} allowDecimals={metric === 'costUsd' || metric === 'approvalRate'} tickCount={tickCount(metric, days)} tickFormatter={(value: number) => formatAxis(metric, value)} />
        <Tooltip content={({ active, label }) => <DayTooltip active={active} label={label} rows={rows} metric={metric} />} />
        <Bar dataKey={metric} name={CHART_METRIC_LABELS[metric]} maxBarSize={32} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** The range per model, one horizontal bar each, most runs first. */
export function ModelBarChart({ models, metric, title }: { models: RunStatsModel[]; metric: ChartMetric; title: string }) {
  const rows = new Map(models.map((model) => [model.model, model]));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={models} layout="vertical" margin={{ top: 8, right: 20, bottom: 0, left: 0 }} title={title}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={domain(metric)} allowDecimals={metric === 'costUsd' || metric === 'approvalRate'} tickCount={tickCount(metric, models)} tickFormatter={(value: number) => formatAxis(metric, value)} />
        <YAxis type="category" dataKey="model" width="auto" tickLine={false} />
        <Tooltip content={({ active, label }) => <ModelTooltip active={active} label={label} rows={rows} metric={metric} />} />
        <Bar dataKey={metric} name={CHART_METRIC_LABELS[metric]} maxBarSize={28} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
