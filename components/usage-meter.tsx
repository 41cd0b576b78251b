import { formatMetricAmount } from '@/lib/usage/format-metric-amount';
import { METRIC_LABELS } from '@/lib/usage/metric-labels';
import type { MetricUsage, Usage } from '@/lib/zod/schemas/usage';
import styles from './dashboard.module.css';

const percent = (part: number, whole: number) => `${Math.min(100, (part / whole) * 100)}%`;

function MetricMeter({ metric }: { metric: MetricUsage }) {
  const { title, unit, heldBy } = METRIC_LABELS[metric.metricType];
  const count = (n: number) => formatMetricAmount(metric.metricType, n);
  const { limit } = metric;
  if (limit === 0) {
    return (
      <div className="meter" data-testid={`usage-${metric.metricType}`}>
        <div className="meter-head">
          <span>{title}</span>
          <span>Not in your plan</span>
        </div>
      </div>
    );
  }
  const high = limit !== null && metric.current / limit >= 0.9;
  const per = metric.period === 'day' ? 'today' : 'this month';
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
          aria-label={`${title} ${per}`}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={Math.min(metric.current, limit)}
          aria-valuetext={`${count(metric.current)} of ${count(limit)} ${unit}: ${count(metric.used)} used, ${count(metric.reserved)} reserved for ${heldBy}`}
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
          {count(metric.reserved)} reserved for {heldBy}
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
 * Where the user stands in every metric (this month, and today for the daily cap): what finished
 * actions used and what actions in progress hold apart, what is left, the server's own reason when
 * a run would be refused, and when the monthly counters reset.
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
        plus its whole answer budget; when it finishes, only what it used stays counted. Monthly counters reset on{' '}
        <span data-testid="usage-resets">{resets}</span> (UTC), the daily cap at midnight UTC.
      </p>
    </article>
  );
}
