import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { DEFAULT_MAX_OUTPUT_TOKENS } from '@/lib/runs/create-run';
import {
  countedRefusedReason,
  dailyTokensLowReason,
  runsUsedUpReason,
  tokensLowReason,
  VOICE_PREMIUM_REASON,
  voiceUsedUpReason,
} from '@/lib/usage/limit-reason';
import { resetsAt } from '@/lib/usage/resets-at';
import { METRIC_TYPES, RUN_METRIC_TYPES, type MetricPeriod, type MetricType, type MetricUsage, type SubscriptionTier, type Usage } from '@/lib/zod/schemas/usage';

interface UsageRow {
  tier: SubscriptionTier;
  metric: MetricType;
  period: MetricPeriod;
  period_start: string;
  current: string;
  quota: string | null;
  reserved: string;
  runs_in_progress: number;
}

type Counted = Omit<MetricUsage, 'reason'>;

/**
 * Why the next action of this metric would be refused now, in the refusal's words. A run with the
 * default answer budget reserves more than DEFAULT_MAX_OUTPUT_TOKENS (its prompt comes on top), so
 * below that, month or day, POST /api/runs refuses it for certain.
 */
function reasonFor(metric: Counted): string | null {
  const { limit, remaining } = metric;
  if (limit === null || remaining === null) return null;
  const facts = { limit, remaining, reserved: metric.reserved, resetsAt: metric.resetsAt, answerBudget: DEFAULT_MAX_OUTPUT_TOKENS };
  switch (metric.metricType) {
    case 'runs':
      return remaining === 0 ? runsUsedUpReason(facts) : null;
    case 'tokens':
      return remaining <= DEFAULT_MAX_OUTPUT_TOKENS ? tokensLowReason(facts) : null;
    case 'daily_tokens':
      return remaining <= DEFAULT_MAX_OUTPUT_TOKENS ? dailyTokensLowReason(facts) : null;
    case 'voice_seconds':
      if (limit === 0) return VOICE_PREMIUM_REASON;
      return remaining === 0 ? voiceUsedUpReason(facts) : null;
    case 'templates':
    case 'exports':
      return remaining === 0 ? countedRefusedReason(metric.metricType, { ...facts, amount: 1 }) : null;
  }
}

/**
 * Where the caller stands in each metric's current period (this month, or today for the daily
 * cap). The counters and limits are the ones every metered action checks (usage_metrics,
 * public.plan_limits), so the page and the 429 never disagree. What is held by actions in progress
 * comes from the reservations the server recorded: on runs, and in usage_reservations.
 */
export async function getUsage(tx: Queryable, { userId }: { userId: string }): Promise<Usage> {
  const rows = await tx<UsageRow[]>`
    with profile as (select p.subscription_tier as tier from public.user_profiles p where p.user_id = ${userId}),
    metric as (
      select m.metric, m.position, l.period, l.quota, private.period_start(l.period) as start
      from profile
      cross join unnest(${METRIC_TYPES as unknown as string[]}::text[]) with ordinality as m(metric, position)
      cross join lateral private.plan_limit(profile.tier, m.metric) l
    ),
    in_flight as (
      select count(*) filter (where r.usage_period = private.period_start('month'))::int as runs,
        coalesce(sum(r.reserved_tokens) filter (where r.usage_period = private.period_start('month')), 0) as tokens,
        coalesce(sum(r.reserved_tokens) filter (where r.usage_day = private.period_start('day')), 0) as daily_tokens
      from public.agent_runs r
      where r.user_id = ${userId} and r.status in ('queued', 'running')
    ),
    held as (
      select h.metric, h.period_start, sum(h.reserved_amount) as amount
      from public.usage_reservations h
      where h.user_id = ${userId} and h.state = 'held'
      group by h.metric, h.period_start
    )
    select profile.tier, metric.metric, metric.period, metric.start::text as period_start,
      coalesce(u.count, 0)::text as current, metric.quota::text as quota,
      (case metric.metric
        when 'runs' then in_flight.runs
        when 'tokens' then in_flight.tokens
        when 'daily_tokens' then in_flight.daily_tokens
        else coalesce(held.amount, 0)
      end)::text as reserved,
      in_flight.runs as runs_in_progress
    from profile
    cross join metric
    cross join in_flight
    left join held on held.metric = metric.metric and held.period_start = metric.start
    left join public.usage_metrics u
      on u.user_id = ${userId} and u.metric_type = metric.metric and u.period_start = metric.start
    order by metric.position`;
  const first = rows[0];
  if (!first) throw new ApiError('not_found', 'No profile exists for this account.');
  const metrics = rows.map((row): MetricUsage => {
    const current = Number(row.current);
    const limit = row.quota === null ? null : Number(row.quota);
    // A counter lowered by hand can sit below what is in flight; what is counted is never more than current.
    const reserved = Math.min(current, Number(row.reserved));
    const counted: Counted = {
      metricType: row.metric,
      period: row.period,
      current,
      used: current - reserved,
      reserved,
      limit,
      remaining: limit === null ? null : Math.max(0, limit - current),
      resetsAt: resetsAt(row.period_start, row.period),
    };
    return { ...counted, reason: reasonFor(counted) };
  });
  const month = rows.find((row) => row.period === 'month')!.period_start;
  const stopsRuns = metrics.find((metric) => RUN_METRIC_TYPES.includes(metric.metricType) && metric.reason !== null);
  return {
    tier: first.tier,
    periodStart: `${month}T00:00:00.000Z`,
    resetsAt: resetsAt(month, 'month'),
    runsInProgress: first.runs_in_progress,
    metrics,
    limitReason: stopsRuns ? { metricType: stopsRuns.metricType, message: stopsRuns.reason! } : null,
  };
}
