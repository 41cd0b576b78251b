import type Stripe from 'stripe';
import type { BillingConfig } from '@/lib/billing/billing-config';
import { subscriptionProjection } from '@/lib/billing/subscription-projection';
import type { Queryable } from '@/lib/db/client';
import type { CommitWith } from '@/lib/db/pipelined-transaction';

export interface AppliedSubscription {
  /** The account that has the subscription's customer; null when no account has it. */
  userId: string | null;
  /** Whether the stored subscription or the account's plan changed. */
  changed: boolean;
}

/**
 * Stores a subscription as just fetched from Stripe and recomputes its owner's plan from all of
 * their subscriptions (private.apply_stripe_subscription). Call it as the service role, inside
 * lockSubscription's transaction and after the fetch, so no older state lands after a newer one.
 * With an event, that event is marked processed in the same statement; with commitWith, the
 * statement ends the transaction (one round trip less for the webhook).
 */
export async function applySubscription(
  tx: Queryable,
  subscription: Stripe.Subscription,
  prices: BillingConfig['prices'],
  options: { event?: { id: string; created: Date }; commitWith?: CommitWith } = {},
): Promise<AppliedSubscription> {
  const s = subscriptionProjection(subscription, prices);
  const { event, commitWith } = options;
  const statement = (q: Queryable) => q<{ user_id: string | null; changed: boolean }[]>`
    select user_id, changed from private.apply_stripe_subscription(
      ${s.id}, ${s.customerId}, ${s.status}, ${s.priceId}, ${s.tier}, ${s.currentPeriodEnd},
      ${s.cancelAtPeriodEnd}, ${s.cancelAt}, ${s.canceledAt}, ${event?.id ?? null}, ${event?.created ?? null}
    )`;
  const [row] = commitWith ? await commitWith(statement) : await statement(tx);
  return { userId: row?.user_id ?? null, changed: row?.changed ?? false };
}
