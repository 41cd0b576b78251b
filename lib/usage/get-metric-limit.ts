import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import type { MetricType } from '@/lib/zod/schemas/usage';

/**
 * The caller's limit of one metric in its period, from public.plan_limits for their tier: null
 * when unlimited, 0 when the plan does not include it at all (voice input on free).
 */
export async function getMetricLimit(tx: Queryable, { userId, metricType }: { userId: string; metricType: MetricType }): Promise<number | null> {
  const [row] = await tx<{ quota: string | null }[]>`
    select private.usage_limit(p.subscription_tier, ${metricType})::text as quota from public.user_profiles p where p.user_id = ${userId}`;
  if (!row) throw new ApiError('not_found', 'No profile exists for this account.');
  return row.quota === null ? null : Number(row.quota);
}
