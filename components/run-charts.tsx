import { exactUsd, formatUsd } from '@/lib/client/format-money';
import type { RunStats } from '@/lib/zod/schemas/run-stats';

type Day = RunStats['days'][number];

/** A small bar chart in plain SVG: one bar a day, the scale from the largest value. */
function Bars({ title, days, value, format, testId }: { title: string; days: Day[]; value: (d: Day) => number | null; format: (n: number) => string; testId: string }) {
  const values = days.map(value);
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  const width = 300;
  const height = 80;
  const barWidth = width / Math.max(1, days.length);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="none">
        {values.map((v, i) => {
          const h = max === 0 || v === null ? 0 : (v / max) * (height - 4);
          return (
            <rect key={days[i]!.day} x={i * barWidth + 1} y={height - h} width={Math.max(1, barWidth - 2)} height={h}>
              <title>{`${days[i]!.day}: ${v === null ? 'no feedback' : format(v)}`}</title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}

export function RunCharts({ stats }: { stats: RunStats }) {
  const { totals } = stats;
  return (
    <div className="grid">
      <article className="card">
        <h2>Last {stats.days.length} days</h2>
        <dl>
          <dt>Runs</dt>
          <dd data-testid="total-runs">{totals.runs}</dd>
          <dt>Approval rate</dt>
          <dd data-testid="approval-rate">{totals.approvalRate === null ? '–' : `${Math.round(totals.approvalRate * 100)}%`}</dd>
          <dt>Tokens</dt>
          <dd>{totals.tokens.toLocaleString()}</dd>
          <dt>Cost</dt>
          <dd title={exactUsd(totals.costUsd)}>{formatUsd(totals.costUsd)}</dd>
        </dl>
      </article>
      <article className="card charts">
        <Bars title="Runs per day" days={stats.days} value={(d) => d.runs} format={String} testId="chart-runs" />
        <Bars title="Approval rate" days={stats.days} value={(d) => d.approvalRate} format={(n) => `${Math.round(n * 100)}%`} testId="chart-approval" />
        <Bars title="Tokens per day" days={stats.days} value={(d) => d.tokens} format={(n) => n.toLocaleString()} testId="chart-tokens" />
        <Bars title="Cost per day" days={stats.days} value={(d) => d.costUsd} format={formatUsd} testId="chart-cost" />
      </article>
    </div>
  );
}
