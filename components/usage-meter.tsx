import type { Usage } from '@/lib/zod/schemas/usage';

const LABELS: Record<string, string> = { runs: 'Runs', tokens: 'Tokens' };

/** Where the user stands this month, per metered metric, and when the counters reset. */
export function UsageMeter({ usage }: { usage: Usage }) {
  const resets = new Date(usage.resetsAt).toLocaleDateString('en', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (
    <article className="card" data-testid="usage">
      <h2>This month · {usage.tier} plan</h2>
      {usage.metrics.map((metric) => {
        const share = metric.limit ? Math.min(1, metric.current / metric.limit) : 0;
        return (
          <div key={metric.metricType} className="meter" data-testid={`usage-${metric.metricType}`}>
            <div className="meter-head">
              <span>{LABELS[metric.metricType] ?? metric.metricType}</span>
              <span>
                {metric.current.toLocaleString('en')} {metric.limit === null ? '(no limit)' : `of ${metric.limit.toLocaleString('en')}`}
              </span>
            </div>
            {metric.limit === null ? null : (
              <div className="meter-bar" role="progressbar" aria-valuemin={0} aria-valuemax={metric.limit} aria-valuenow={metric.current}>
                <span style={{ width: `${share * 100}%` }} className={share >= 0.9 ? 'high' : undefined} />
              </div>
            )}
          </div>
        );
      })}
      <p className="muted">Counters reset on {resets}.</p>
    </article>
  );
}
