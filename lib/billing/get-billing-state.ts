import { ApiError } from '@/lib/api/errors';
import { billingConfig } from '@/lib/billing/billing-config';
import type { Queryable } from '@/lib/db/client';
import type { BillingState, ProfileStatus } from '@/lib/zod/schemas/billing';
import type { SubscriptionTier } from '@/lib/zod/schemas/usage';

interface BillingRow {
  tier: SubscriptionTier;
  status: ProfileStatus;
  current_period_end: Date | null;
  has_customer: boolean;
  subscription_status: string | null;
  subscription_period_end: Date | null;
  cancel_at_period_end: boolean | null;
  cancel_at: Date | null;
}

const LIVE = new Set(['trialing', 'active', 'past_due']);

/**
 * The caller's plan as the app enforces it (the profile), and how the subscription behind it
 * ends: a live subscription set to cancel (in the portal, at the period's end or on a date) says
 * when. The subscription is the one that decides the profile (private.current_subscription).
 */
export async function getBillingState(tx: Queryable, { userId }: { userId: string }): Promise<BillingState> {
  const [row] = await tx<BillingRow[]>`
    select p.subscription_tier as tier, p.subscription_status as status, p.current_period_end,
      p.stripe_customer_id is not null as has_customer,
      s.status as subscription_status, s.current_period_end as subscription_period_end, s.cancel_at_period_end, s.cancel_at
    from public.user_profiles p
    left join lateral private.current_subscription(p.user_id) s on true
    where p.user_id = ${userId}`;
  if (!row) throw new ApiError('not_found', 'No profile exists for this account.');
  const live = row.subscription_status !== null && LIVE.has(row.subscription_status);
  const cancelAt = live ? (row.cancel_at ?? (row.cancel_at_period_end ? row.subscription_period_end : null)) : null;
  return {
    configured: billingConfig() !== null,
    tier: row.tier,
    status: row.status,
    currentPeriodEnd: row.current_period_end?.toISOString() ?? null,
    cancelAtPeriodEnd: live && row.cancel_at_period_end === true,
    cancelAt: cancelAt?.toISOString() ?? null,
    hasCustomer: row.has_customer,
  };
}
