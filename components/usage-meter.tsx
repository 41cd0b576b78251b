import type { MetricUsage, Usage } from '@/lib/zod/schemas/usage';
import styles from './dashboard.module.css';

const LABELS: Record<MetricUsage['metricType'], { title: string; unit: string }> = {
  runs: { title: 'Runs', unit: 'runs' },
  tokens: { title: 'Tokens', unit: 'tokens' },
};

const count = (n: number) => n.toLocaleString('en-US');
const percent = (part: number, whole: number) => `${Math.min(100, (part / whole) * 100)}%`;

function MetricMeter({ metric }: { metric: MetricUsage }) {
  const { title, unit } = LABELS[metric.metricType];
  const { limit } = metric;
  const high = limit !== null && limit > 0 && metric.current / limit >= 0.9;
  return (
    <div className="meter" data-testid={`usage-${metric.metricType}`}>
      <div className="meter-head">
        <span>{title}</span>
        <span>{limit === null ? `${count(metric.current)} (no limit)` : `${count(metric.current)} of ${count(limit)}`}</span>
      </div>
      {limit === null ? null : (
        <div
          className={styles.meterBar}
          role="progressbar"
          aria-label={`${title} this month`}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={Math.min(metric.current, limit)}
          aria-valuetext={`${count(metric.current)} of ${count(limit)} ${unit}: ${count(metric.used)} used, ${count(metric.reserved)} reserved for runs in progress`}
        >
          <span className={high ? styles.meterHigh : styles.meterUsed} style={{ width: percent(metric.used, limit) }} />
          <span className={styles.meterReserved} style={{ width: percent(metric.reserved, limit) }} />
        </div>
      )}
      <ul className={styles.meterFacts}>
        <li data-testid={`usage-${metric.metricType}-used`}>
          <span className={`${styles.swatch} ${high ? styles.meterHigh : styles.meterUsed}`} aria-hidden="true" />
          {count(metric.used)} used
        </li>
        <li data-testid={`usage-${metric.metricType}-reserved`}>
          <span className={`${styles.swatch} ${styles.meterReserved}`} aria-hidden="true" />
          {count(metric.reserved)} reserved for runs in progress
        </li>
        {metric.remaining === null ? null : (
          <li data-testid={`usage-${metric.metricType}-left`}>
            <strong>{count(metric.remaining)}</strong> left
          </li>
        )}
      </ul>
    </div>
  );
}

/**
 * Where the user stands this month: what finished runs used and what runs in progress hold apart,
 * what is left, the server's own reason when a run would be refused, and when the counters reset.
 */
export function UsageMeter({ usage }: { usage: Usage }) {
  const resets = new Date(usage.resetsAt).toLocaleDateString('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const inProgress = usage.runsInProgress;
  return (
    <article className={`card ${styles.usage}`} data-testid="usage">
      <h2>This month</h2>
      <div className={styles.meters}>
        {usage.metrics.map((metric) => (
          <MetricMeter key={metric.metricType} metric={metric} />
        ))}
      </div>
      {usage.limitReason ? (
        <p className={styles.reason} role="status" data-testid="limit-reason">
          {usage.limitReason.message}
        </p>
      ) : null}
      <p className="muted">
        {inProgress > 0 ? `${inProgress} ${inProgress === 1 ? 'run is' : 'runs are'} in progress. ` : null}A run in progress holds its prompt
        plus its whole answer budget; when it finishes, only what it used stays counted. Resets on{' '}
        <span data-testid="usage-resets">{resets}</span> (UTC).
      </p>
    </article>
  );
}
