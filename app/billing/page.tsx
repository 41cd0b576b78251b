import Link from 'next/link';
import { BillingActionButton } from '@/components/billing/billing-action-button';
import { DailyUsageChart } from '@/components/billing/daily-usage-chart';
import { UsageMeter } from '@/components/usage-meter';
import { getBillingState } from '@/lib/billing/get-billing-state';
import { requireClaims } from '@/lib/auth/session';
import { formatLongDate } from '@/lib/client/format-long-date';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { getDailyUsage } from '@/lib/usage/get-daily-usage';
import { formatMetricAmount } from '@/lib/usage/format-metric-amount';
import { getUsage } from '@/lib/usage/get-usage';
import { METRIC_LABELS } from '@/lib/usage/metric-labels';
import { TIER_NAMES } from '@/lib/usage/tier-names';
import styles from '@/components/billing/billing.module.css';

export const metadata = { title: 'Billing · Venture Companion' };

const STATUS_WORDS: Record<string, { text: string; tone: string }> = {
  free: { text: 'Free plan', tone: '' },
  active: { text: 'Active', tone: 'success' },
  trialing: { text: 'On a trial', tone: 'accent' },
  past_due: { text: 'Payment past due', tone: 'danger' },
  canceled: { text: 'Cancelled', tone: '' },
  inactive: { text: 'Inactive', tone: '' },
};

/** The plan, its state in Stripe, and every metered metric: this period's meter and the last 30 days. */
export default async function BillingPage() {
  const claims = await requireClaims('/billing');
  // The three reads go out at once, pipelined on the transaction's connection.
  const [billing, usage, daily] = await withUserTransaction(claims, (tx) =>
    Promise.all([getBillingState(tx, { userId: claims.sub }), getUsage(tx, { userId: claims.sub }), getDailyUsage(tx, { userId: claims.sub, days: 30 })]),
  );
  const status = STATUS_WORDS[billing.status] ?? { text: billing.status, tone: '' };
  const paid = billing.tier !== 'free';
  const configured = billing.configured;
  return (
    <section>
      <div className="section-head">
        <div>
          <h1>Billing</h1>
          <p className="muted">Your plan, what it allows and what you have used.</p>
        </div>
      </div>
      <article className="card" aria-labelledby="plan-title" data-testid="billing-plan">
        <div className="row spread">
          <h2 id="plan-title">
            <span data-testid="billing-tier">{TIER_NAMES[billing.tier]}</span> plan
          </h2>
          <span className={`pill ${status.tone}`} data-testid="billing-status">
            {status.text}
          </span>
        </div>
        <dl className={styles.facts}>
          {billing.currentPeriodEnd ? (
            <div>
              <dt className="muted">{billing.cancelAtPeriodEnd || billing.cancelAt ? 'Cancels on' : 'Renews on'}</dt>
              <dd data-testid="billing-period-end">{formatLongDate(billing.cancelAt ?? billing.currentPeriodEnd)}</dd>
            </div>
          ) : null}
          <div>
            <dt className="muted">Usage resets on</dt>
            <dd>{formatLongDate(usage.resetsAt)}</dd>
          </div>
        </dl>
        {billing.status === 'past_due' ? (
          <p className="form-alert error" role="alert">
            Your last payment did not go through. Update your card in Manage billing to keep your plan; until then it stays as it is.
          </p>
        ) : null}
        {billing.cancelAtPeriodEnd && billing.currentPeriodEnd ? (
          <p className="muted" data-testid="billing-cancels">
            Your plan ends on {formatLongDate(billing.cancelAt ?? billing.currentPeriodEnd)} and you return to the free plan. You can keep it in Manage billing.
          </p>
        ) : null}
        <div className="actions">
          {configured && billing.hasCustomer ? (
            <BillingActionButton path="/api/billing/portal" label="Manage billing" busyLabel="Opening…" variant={paid ? 'primary' : 'secondary'} testId="manage-billing" />
          ) : null}
          <Link href="/pricing" className={paid ? 'button secondary' : 'button'}>
            {paid ? 'Compare plans' : 'See plans and upgrade'}
          </Link>
        </div>
        {configured ? null : (
          <p className="muted" data-testid="billing-not-configured">
            Billing is not configured on this server; plans are changed with <code>npm run billing:set-tier</code>.
          </p>
        )}
      </article>
      <UsageMeter usage={usage} />
      <article className="card" aria-labelledby="daily-title">
        <h2 id="daily-title">The last 30 days</h2>
        <div className={styles.charts}>
          {daily.series.map((series) => (
            <DailyUsageChart
              key={series.metricType}
              title={METRIC_LABELS[series.metricType].title}
              format={(value) => (series.metricType === 'voice_seconds' ? formatMetricAmount('voice_seconds', value) : `${formatMetricAmount(series.metricType, value)} ${METRIC_LABELS[series.metricType].unit}`)}
              points={series.points}
              testId={`daily-${series.metricType}`}
            />
          ))}
        </div>
      </article>
    </section>
  );
}
