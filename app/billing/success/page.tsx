import { CheckCircle2 } from 'lucide-react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';
import { requireClaims } from '@/lib/auth/session';
import { formatLongDate } from '@/lib/client/format-long-date';
import { syncCheckoutSession } from '@/lib/billing/sync-checkout-session';
import { logger } from '@/lib/observability/logger';
import { TIER_NAMES } from '@/lib/usage/tier-names';
import styles from '@/components/billing/billing.module.css';

export const metadata = { title: 'Welcome aboard · Venture Companion' };

const SESSION_ID = /^cs_[A-Za-z0-9_]{1,200}$/;

/**
 * Where Stripe Checkout returns. The page asks Stripe itself for the session and its subscription
 * and applies them, so the new plan shows now; the webhook, when it arrives, changes nothing more.
 */
export default async function CheckoutSuccessPage({ searchParams }: { searchParams: Promise<{ session_id?: string }> }) {
  const { session_id: sessionId } = await searchParams;
  const claims = await requireClaims(`/billing/success${sessionId ? `?session_id=${encodeURIComponent(sessionId)}` : ''}`);
  if (!sessionId || !SESSION_ID.test(sessionId)) notFound();
  let state;
  try {
    state = await syncCheckoutSession(claims.sub, sessionId);
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'forbidden')) notFound();
    logger.warn({ err: error }, 'checkout success page could not reach Stripe');
    return (
      <section className="card stack" data-testid="checkout-pending">
        <h1>Payment received: confirming your plan</h1>
        <p>We could not reach Stripe just now to confirm your subscription. Your payment is safe, and your plan changes as soon as Stripe tells us, usually within a minute.</p>
        <div className="actions">
          <Link href={`/billing/success?session_id=${encodeURIComponent(sessionId)}`} className="button">
            Check again
          </Link>
          <Link href="/billing" className="button secondary">
            Go to billing
          </Link>
        </div>
      </section>
    );
  }
  const paid = state.tier !== 'free';
  return (
    <section className="card stack" data-testid="checkout-success">
      <h1 className={styles.successTitle}>
        {paid ? (
          <>
            <CheckCircle2 aria-hidden="true" /> You are on <span data-testid="success-tier">{TIER_NAMES[state.tier]}</span>
          </>
        ) : (
          'Your payment is being processed'
        )}
      </h1>
      {paid ? (
        <p>
          Thank you. Your new limits apply now{state.currentPeriodEnd ? `, and the plan renews on ${formatLongDate(state.currentPeriodEnd)}` : ''}. Voice dictation is
          unlocked in Ask.
        </p>
      ) : (
        <p>Stripe has not confirmed the subscription yet (status: {state.status}). This page shows your plan once it does.</p>
      )}
      <div className="actions">
        <Link href="/chat" className="button">
          Ask your cofounder
        </Link>
        <Link href="/billing" className="button secondary">
          See billing
        </Link>
      </div>
    </section>
  );
}
