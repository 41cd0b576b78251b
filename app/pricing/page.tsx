import { Check, X } from 'lucide-react';
import Link from 'next/link';
import { BillingActionButton } from '@/components/billing/billing-action-button';
import { getBillingState } from '@/lib/billing/get-billing-state';
import { getPlanPrices } from '@/lib/billing/get-plan-prices';
import { getPlans } from '@/lib/billing/get-plans';
import { billingConfig } from '@/lib/billing/billing-config';
import { limitWords } from '@/lib/billing/limit-words';
import { TIER_NAMES } from '@/lib/usage/tier-names';
import { currentClaims } from '@/lib/auth/session';
import { withAnonTransaction } from '@/lib/db/anon-transaction';
import { withUserTransaction } from '@/lib/db/user-transaction';
import type { PlanPrice } from '@/lib/zod/schemas/billing';
import type { SubscriptionTier } from '@/lib/zod/schemas/usage';
import styles from '@/components/billing/billing.module.css';

export const metadata = { title: 'Pricing · Venture Companion' };

const PLAN_BLURBS: Record<SubscriptionTier, string> = {
  free: 'Try your cofounder on real work.',
  pro: 'For founders who ask every day, with voice dictation.',
  enterprise: 'For heavy use: no monthly run or token limit.',
};

function priceWords(tier: SubscriptionTier, price: PlanPrice | null): string | null {
  if (tier === 'free') return '$0';
  if (!price) return null;
  const amount = (price.unitAmount / 100).toLocaleString('en-US', {
    style: 'currency',
    currency: price.currency.toUpperCase(),
    minimumFractionDigits: price.unitAmount % 100 === 0 ? 0 : 2,
  });
  return `${amount} a ${price.interval}`;
}

/**
 * Every plan with every limit, read from the database's plan_limits (the one place they are
 * defined, which the 429s and /api/usage read too). Signed in, each plan says what choosing it does.
 */
export default async function PricingPage() {
  const claims = await currentClaims();
  const configured = billingConfig() !== null;
  const [plans, billing, prices] = await Promise.all([
    withAnonTransaction((tx) => getPlans(tx)),
    claims ? withUserTransaction(claims, (tx) => getBillingState(tx, { userId: claims.sub })) : Promise.resolve(null),
    configured ? getPlanPrices() : Promise.resolve({ pro: null, enterprise: null }),
  ]);
  const current = billing?.tier ?? null;
  const paying = current !== null && current !== 'free';

  function action(tier: SubscriptionTier) {
    const unavailable = <p className="muted">Not available on this server.</p>;
    if (!claims) {
      if (tier !== 'free' && !configured) return unavailable;
      return (
        <Link href={`/signup?returnUrl=${encodeURIComponent('/pricing')}`} className={tier === 'free' ? 'button secondary' : 'button'} prefetch={false}>
          {tier === 'free' ? 'Create your account' : `Sign up for ${TIER_NAMES[tier]}`}
        </Link>
      );
    }
    if (tier === current) {
      return paying && configured ? (
        <BillingActionButton path="/api/billing/portal" label="Manage billing" busyLabel="Opening…" variant="secondary" testId={`manage-${tier}`} />
      ) : null;
    }
    if (!configured) return tier === 'free' ? null : unavailable;
    if (paying) {
      return <BillingActionButton path="/api/billing/portal" label={tier === 'free' ? 'Cancel in Manage billing' : 'Change plan in Manage billing'} busyLabel="Opening…" variant="secondary" testId={`change-${tier}`} />;
    }
    if (tier === 'free') return null;
    return <BillingActionButton path="/api/billing/checkout" body={{ tier }} label={`Upgrade to ${TIER_NAMES[tier]}`} busyLabel="Opening checkout…" testId={`checkout-${tier}`} />;
  }

  return (
    <section>
      <div className="section-head">
        <div>
          <h1>Plans</h1>
          <p className="muted">Limits count per calendar month in UTC, except the daily token cap, which counts per UTC day.</p>
        </div>
      </div>
      {configured ? null : (
        <p className="badge" role="note" data-testid="billing-not-configured">
          Billing is not configured on this server, so plans cannot be bought here. To change a plan locally, run{' '}
          <code>npm run billing:set-tier -- you@example.com pro</code>.
        </p>
      )}
      <div className={styles.plans}>
        {plans.map((plan) => {
          const price = priceWords(plan.tier, plan.tier === 'free' ? null : prices[plan.tier]);
          return (
            <article key={plan.tier} className={`card ${styles.plan} ${plan.tier === current ? styles.currentPlan : ''}`} data-testid={`plan-${plan.tier}`} aria-labelledby={`plan-${plan.tier}-name`}>
              <div className="row spread">
                <h2 id={`plan-${plan.tier}-name`}>{TIER_NAMES[plan.tier]}</h2>
                {plan.tier === current ? <span className="pill accent">Your plan</span> : null}
              </div>
              {price ? (
                <p className={styles.price} data-testid={`price-${plan.tier}`}>
                  {price}
                </p>
              ) : (
                <p className="muted" data-testid={`price-${plan.tier}`}>
                  {configured ? 'Price shown at checkout' : 'Not sold on this server'}
                </p>
              )}
              <p className="muted">{PLAN_BLURBS[plan.tier]}</p>
              <ul className={styles.limits}>
                {plan.limits.map((limit) => (
                  <li key={limit.metricType} data-testid={`limit-${plan.tier}-${limit.metricType}`} className={limit.limit === 0 ? styles.notIncluded : undefined}>
                    {limit.limit === 0 ? <X aria-hidden="true" /> : <Check aria-hidden="true" />}
                    {limitWords(limit)}
                  </li>
                ))}
              </ul>
              <div className={styles.planAction}>{action(plan.tier)}</div>
            </article>
          );
        })}
      </div>
      {claims ? (
        <p className="muted">
          See where you stand this month on <Link href="/billing">Billing</Link>.
        </p>
      ) : null}
    </section>
  );
}
