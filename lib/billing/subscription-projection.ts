import type Stripe from 'stripe';
import type { BillingConfig } from '@/lib/billing/billing-config';
import type { SubscriptionTier } from '@/lib/zod/schemas/usage';

/** A Stripe subscription as public.subscriptions stores it. */
export interface SubscriptionProjection {
  id: string;
  customerId: string;
  status: string;
  priceId: string | null;
  tier: SubscriptionTier;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  canceledAt: Date | null;
}

const TIER_RANK: Record<SubscriptionTier, number> = { free: 0, pro: 1, enterprise: 2 };
const fromUnix = (seconds: number | null | undefined) => (seconds == null ? null : new Date(seconds * 1000));
const idOf = (value: string | { id: string }) => (typeof value === 'string' ? value : value.id);

/**
 * What a subscription grants and when its period ends. The tier comes from the price (the
 * environment's ids: a price this server does not sell grants nothing), and since API version
 * 2025-03-31 the period is on each subscription item, not the subscription: the item that grants
 * the most is the one read, the first item when none is ours.
 */
export function subscriptionProjection(subscription: Stripe.Subscription, prices: BillingConfig['prices']): SubscriptionProjection {
  const tierOf = (priceId: string | undefined): SubscriptionTier =>
    priceId === prices.enterprise ? 'enterprise' : priceId === prices.pro ? 'pro' : 'free';
  const items = subscription.items.data;
  const item = items.reduce<Stripe.SubscriptionItem | undefined>(
    (best, candidate) => (!best || TIER_RANK[tierOf(candidate.price?.id)] > TIER_RANK[tierOf(best.price?.id)] ? candidate : best),
    undefined,
  );
  return {
    id: subscription.id,
    customerId: idOf(subscription.customer),
    status: subscription.status,
    priceId: item?.price?.id ?? null,
    tier: tierOf(item?.price?.id),
    currentPeriodEnd: fromUnix(item?.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    cancelAt: fromUnix(subscription.cancel_at),
    canceledAt: fromUnix(subscription.canceled_at),
  };
}
