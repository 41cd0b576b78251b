import type { Queryable } from '@/lib/db/client';
import type { Plans } from '@/lib/zod/schemas/plans';
import { METRIC_TYPES, SUBSCRIPTION_TIERS, type MetricPeriod, type MetricType, type SubscriptionTier } from '@/lib/zod/schemas/usage';

interface LimitRow {
  tier: SubscriptionTier;
  metric: MetricType;
  period: MetricPeriod;
  quota: string | null;
}

/**
 * Every plan with every limit, straight from public.plan_limits, the one place the limits are
 * defined (the counters' functions read the same rows). Readable by anyone, signed in or not, so
 * it runs in any transaction: a user's, or an anonymous one for the public pricing page.
 */
export async function getPlans(tx: Queryable): Promise<Plans> {
  const rows = await tx<LimitRow[]>`
    select l.tier, l.metric, l.period, l.quota::text as quota
    from public.plan_limits l
    join unnest(${SUBSCRIPTION_TIERS as unknown as string[]}::text[]) with ordinality as t(tier, position) on t.tier = l.tier
    join unnest(${METRIC_TYPES as unknown as string[]}::text[]) with ordinality as m(metric, position) on m.metric = l.metric
    order by t.position, m.position`;
  return SUBSCRIPTION_TIERS.map((tier) => ({
    tier,
    limits: rows
      .filter((row) => row.tier === tier)
      .map((row) => ({ metricType: row.metric, period: row.period, limit: row.quota === null ? null : Number(row.quota) })),
  }));
}
