import { z } from 'zod';

/** Metered per calendar month (UTC). Templates and exports join this list when they are metered. */
export const METRIC_TYPES = ['runs', 'tokens'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

export const SUBSCRIPTION_TIERS = ['free', 'pro', 'enterprise'] as const;
export type SubscriptionTier = (typeof SUBSCRIPTION_TIERS)[number];

/**
 * One metric this month. `current` is what POST /api/runs checks against `limit`: `used` by
 * finished runs plus `reserved` by runs still in progress (each holds one run and the worst case
 * of its tokens until it settles and gives back what it did not use). `limit` and `remaining` are
 * null when the tier has no limit.
 */
export const metricUsageSchema = z.object({
  metricType: z.enum(METRIC_TYPES),
  current: z.int().min(0),
  used: z.int().min(0),
  reserved: z.int().min(0),
  limit: z.int().nullable(),
  remaining: z.int().min(0).nullable(),
  /** When the counter starts again from zero: the first instant of next month, UTC. */
  resetsAt: z.string(),
});
export type MetricUsage = z.infer<typeof metricUsageSchema>;

/** Why POST /api/runs would refuse a run with the default answer budget now, in its own words. */
export const limitReasonSchema = z.object({
  metricType: z.enum(METRIC_TYPES),
  message: z.string().max(1000),
});

/** GET /api/usage. */
export const usageSchema = z.object({
  tier: z.enum(SUBSCRIPTION_TIERS),
  periodStart: z.string(),
  resetsAt: z.string(),
  /** Runs queued or running now, whose reservations are in `reserved`. */
  runsInProgress: z.int().min(0),
  metrics: z.array(metricUsageSchema).max(METRIC_TYPES.length),
  limitReason: limitReasonSchema.nullable(),
});
export type Usage = z.infer<typeof usageSchema>;
