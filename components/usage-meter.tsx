import Link from 'next/link';
import { formatLongDate } from '@/lib/client/format-long-date';
import { formatMetricAmount } from '@/lib/usage/format-metric-amount';
import { METRIC_LABELS } from '@/lib/usage/metric-labels';
import { RUN_METRIC_TYPES, type MetricUsage, type Usage } from '@/lib/zod/schemas/usage';
import styles from './dashboard.module.css';

const percent = (part: number, whole: number) => `${Math.min(100, (part / whole) * 100)}%`;


function UpgradeLink({ testId, label = 'Upgrade for higher limits' }: { testId: string; label?: string }) {
  return (
    <>
      {' '}
      <Link href="/pricing" data-testid={testId}>
        {label}
      </Link>
    </>
  );
}

function MetricMeter({ metric, upgrade }: { metric: MetricUsage; upgrade: boolean }) {
  const { title, heldBy } = METRIC_LABELS[metric.metricType];
  const amount = (value: number) => formatMetricAmount(metric.metricType, value);
  const { limit } = metric;
  const period = metric.period === 'day' ? 'today' : 'this month';
  const high = limit !== null && limit > 0 && metric.current / limit >= 0.9;
  return (
    <div className="meter" data-testid={`usage-${metric.metricType}`}>
      <div className="meter-head">
        <span>{title}</span>
        <span>
          {limit === null ? `${amount(metric.current)} (no limit)` : limit === 0 ? 'Not in your plan' : `${amount(metric.current)} of ${amount(limit)}`}
        </span>
      </div>
      {limit === null || limit === 0 ? null : (
        <div
          className={styles.meterBar}
          role="progressbar"
          aria-label={`${title} ${period}`}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={Math.min(metric.current, limit)}
          aria-valuetext={`${amount(metric.current)} of ${amount(limit)} ${period}` + (metric.reserved > 0 ? `: ${amount(metric.reserved)} reserved for ${heldBy}` : '')}
        >
          <span className={high ? styles.meterHigh : styles.meterUsed} style={{ width: percent(metric.used, limit) }} />
          <span className={styles.meterReserved} style={{ width: percent(metric.reserved, limit) }} />
        </div>
      )}
      {limit === 0 ? null : (
        <ul className={styles.meterFacts}>
          <li data-testid={`usage-${metric.metricType}-used`}>
            <span className={`${styles.swatch} ${high ? styles.meterHigh : styles.meterUsed}`} aria-hidden="true" />
            {amount(metric.used)} used
          </li>
          <li data-testid={`usage-${metric.metricType}-reserved`}>
            <span className={`${styles.swatch} ${styles.meterReserved}`} aria-hidden="true" />
            {amount(metric.reserved)} reserved for {heldBy}
          </li>
          {metric.remaining === null ? null : (
            <li data-testid={`usage-${metric.metricType}-left`}>
              <strong>{amount(metric.remaining)}</strong> left{metric.period === 'day' ? ' today' : ''}
            </li>
          )}
        </ul>
      )}
      {/* A run's refusal is said once, below the meters (usage.limitReason). */}
      {metric.reason && !RUN_METRIC_TYPES.includes(metric.metricType) ? (
        <p className={styles.reason} data-testid={`usage-${metric.metricType}-reason`}>
          {metric.reason}
          {upgrade ? <UpgradeLink testId={`usage-${metric.metricType}-upgrade`} label={metric.limit === 0 ? 'See plans' : undefined} /> : null}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Where the user stands: for every metered metric what is used and what work in progress holds,
 * what is left, the server's own reason when a run would be refused (with the way up), and when
 * the counters reset.
 */
export function UsageMeter({ usage }: { usage: Usage }) {
  const inProgress = usage.runsInProgress;
  return (
    <article className={`card ${styles.usage}`} data-testid="usage">
      <h2>Usage</h2>
      <div className={styles.meters}>
        {usage.metrics.map((metric) => (
          <MetricMeter key={metric.metricType} metric={metric} upgrade={usage.tier !== 'enterprise'} />
        ))}
      </div>
      {usage.limitReason ? (
        <p className={styles.reason} role="status" data-testid="limit-reason">
          {usage.limitReason.message}
          {usage.tier === 'enterprise' ? null : <UpgradeLink testId="limit-upgrade" />}
        </p>
      ) : null}
      <p className="muted">
        {inProgress > 0 ? `${inProgress} ${inProgress === 1 ? 'run is' : 'runs are'} in progress. ` : null}A run in progress holds its prompt
        plus its whole answer budget; when it finishes, only what it used stays counted. Monthly counters reset on{' '}
        <span data-testid="usage-resets">{formatLongDate(usage.resetsAt)}</span>, the daily token cap at midnight (UTC).
      </p>
    </article>
  );
}
