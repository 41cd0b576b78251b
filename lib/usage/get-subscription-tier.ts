import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import type { SubscriptionTier } from '@/lib/zod/schemas/usage';

/** The caller's tier, which billing sets and only the server can change (migration 008). */
export async function getSubscriptionTier(tx: Queryable, { userId }: { userId: string }): Promise<SubscriptionTier> {
  const [row] = await tx<{ subscription_tier: SubscriptionTier }[]>`
    select subscription_tier from public.user_profiles where user_id = ${userId}`;
  if (!row) throw new ApiError('not_found', 'No profile exists for this account.');
  return row.subscription_tier;
}
