import type { SubscriptionTier } from '@/lib/zod/schemas/usage';

/** How each plan is named on the pages and in the README. */
export const TIER_NAMES: Record<SubscriptionTier, string> = { free: 'Free', pro: 'Pro', enterprise: 'Enterprise' };
