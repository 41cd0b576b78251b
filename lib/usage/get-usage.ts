import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { resetsAt } from '@/lib/usage/resets-at';
import { METRIC_TYPES, type MetricType, type SubscriptionTier, type Usage } from '@/lib/zod/schemas/usage';

interface UsageRow {
  tier: SubscriptionTier;
  period: string;
  metric: MetricType;
  current: string;
  quota: string | null;
}

/**
 * Where the caller stands this month, per metered metric. The limits come from the same database
 * function that enforces them (private.usage_limit), so the page and the 429 never disagree.
 */
export async function getUsage(tx: Queryable, { userId }: { userId: string }): Promise<Usage> {
  const rows = await tx<UsageRow[]>`
    select p.subscription_tier as tier, period.start::text as period, m.metric,
      coalesce(u.count, 0)::text as current, private.usage_limit(p.subscription_tier, m.metric)::text as quota
    from public.user_profiles p
    cross join (select private.usage_period_start() as start) period
    cross join unnest(${METRIC_TYPES as unknown as string[]}::text[]) with ordinality as m(metric, position)
    left join public.usage_metrics u
      on u.user_id = p.user_id and u.metric_type = m.metric and u.period_start = period.start
    where p.user_id = ${userId}
    order by m.position`;
  const first = rows[0];
  if (!first) throw new ApiError('not_found', 'No profile exists for this account.');
  const resets = resetsAt(first.period);
  return {
    tier: first.tier,
    periodStart: `${first.period}T00:00:00.000Z`,
    resetsAt: resets,
    metrics: rows.map((row) => {
      const current = Number(row.current);
      const limit = row.quota === null ? null : Number(row.quota);
      return { metricType: row.metric, current, limit, remaining: limit === null ? null : Math.max(0, limit - current), resetsAt: resets };
    }),
  };
}
