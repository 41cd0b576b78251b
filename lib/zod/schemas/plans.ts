import { z } from 'zod';
import { METRIC_PERIODS, METRIC_TYPES, SUBSCRIPTION_TIERS } from '@/lib/zod/schemas/usage';

/** One limit of a plan: per calendar month or per UTC day; null means unlimited. */
export const planLimitSchema = z.object({
  metricType: z.enum(METRIC_TYPES),
  period: z.enum(METRIC_PERIODS),
  limit: z.int().min(0).nullable(),
});
export type PlanLimit = z.infer<typeof planLimitSchema>;

/** A tier and every limit it has, in the order of METRIC_TYPES (read from public.plan_limits). */
export const planSchema = z.object({
  tier: z.enum(SUBSCRIPTION_TIERS),
  limits: z.array(planLimitSchema).max(METRIC_TYPES.length),
});
export type Plan = z.infer<typeof planSchema>;

/** GET /api/plans: free, pro and enterprise, in that order. */
export const plansSchema = z.array(planSchema).max(SUBSCRIPTION_TIERS.length);
export type Plans = z.infer<typeof plansSchema>;
