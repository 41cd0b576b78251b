import { z } from 'zod';

/** Metered per calendar month (UTC). Templates and exports join this list when they are metered. */
export const METRIC_TYPES = ['runs', 'tokens'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

export const SUBSCRIPTION_TIERS = ['free', 'pro', 'enterprise'] as const;
export type SubscriptionTier = (typeof SUBSCRIPTION_TIERS)[number];

/** One metric this month. `limit` and `remaining` are null when the tier has no limit. */
export const metricUsageSchema = z.object({
  metricType: z.enum(METRIC_TYPES),
  current: z.int().min(0),
  limit: z.int().nullable(),
  remaining: z.int().min(0).nullable(),
  /** When the counter starts again from zero: the first instant of next month, UTC. */
  resetsAt: z.string(),
});
export type MetricUsage = z.infer<typeof metricUsageSchema>;

/** GET /api/usage. */
export const usageSchema = z.object({
  tier: z.enum(SUBSCRIPTION_TIERS),
  periodStart: z.string(),
  resetsAt: z.string(),
  metrics: z.array(metricUsageSchema),
});
export type Usage = z.infer<typeof usageSchema>;
