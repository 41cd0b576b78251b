import type { Queryable } from '@/lib/db/client';

/**
 * Holds the subscription's lock until the transaction ends. Every writer (webhook, sync,
 * reconcile) takes it before fetching the subscription from Stripe, so writes to one subscription
 * happen one at a time and in the order their fetches were made: the last write is the newest state.
 */
export async function lockSubscription(tx: Queryable, subscriptionId: string): Promise<void> {
  await tx`select private.lock_stripe_subscription(${subscriptionId})`;
}
