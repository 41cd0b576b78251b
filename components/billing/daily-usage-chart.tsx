import { formatDay } from '@/lib/client/format-stats';
import styles from './billing.module.css';

export interface DailyPoint {
  date: string;
  value: number;
}

interface DailyUsageChartProps {
  title: string;
  /** How one value reads: "3 runs", "12 minutes". */
  format: (value: number) => string;
  points: DailyPoint[];
  testId: string;
}

const WIDTH = 300;
const HEIGHT = 72;

/**
 * One metric per UTC day as bars, drawn on the server (plain SVG, no chart library to load).
 * The picture is summed up in its label, and the figures are one click away in a table.
 */
export function DailyUsageChart({ title, format, points, testId }: DailyUsageChartProps) {
  const max = Math.max(0, ...points.map((point) => point.value));
  const total = points.reduce((sum, point) => sum + point.value, 0);
  const busiest = points.reduce<DailyPoint | null>((best, point) => (point.value > 0 && (!best || point.value > best.value) ? point : best), null);
  const slot = points.length > 0 ? WIDTH / points.length : WIDTH;
  const first = points[0];
  const last = points.at(-1);
  const summary =
    first && last
      ? `${title} per day from ${formatDay(first.date)} to ${formatDay(last.date)}: ${format(total)} in all` +
        (busiest ? `, most on ${formatDay(busiest.date)} (${format(busiest.value)}).` : '.')
      : `${title}: no days to show.`;
  return (
    <figure className={styles.chart} data-testid={testId}>
      <figcaption className={styles.chartHead}>
        <span>{title}</span>
        <span className="muted" data-testid={`${testId}-total`}>
          {format(total)}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary} className={styles.bars}>
        <line x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className={styles.axis} />
        {points.map((point, index) => {
          if (point.value <= 0 || max === 0) return null;
          const height = Math.max(2, (point.value / max) * (HEIGHT - 4));
          return <rect key={point.date} x={index * slot + slot * 0.15} width={slot * 0.7} y={HEIGHT - height} height={height} rx="1" />;
        })}
      </svg>
      {first && last ? (
        <div className={`${styles.chartFoot} muted`} aria-hidden="true">
          <span>{formatDay(first.date)}</span>
          <span>{formatDay(last.date)}</span>
        </div>
      ) : null}
      <details className={styles.figures}>
        <summary>Figures</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">{title}</th>
            </tr>
          </thead>
          <tbody>
            {points
              .filter((point) => point.value > 0)
              .map((point) => (
                <tr key={point.date}>
                  <td>{formatDay(point.date)}</td>
                  <td>{format(point.value)}</td>
                </tr>
              ))}
          </tbody>
        </table>
        {busiest ? null : <p className="muted">Nothing used on these days.</p>}
      </details>
    </figure>
  );
}
