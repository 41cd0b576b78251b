import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { DEFAULT_MAX_OUTPUT_TOKENS } from '@/lib/runs/create-run';
import { runsUsedUpReason, tokensLowReason } from '@/lib/usage/limit-reason';
import { resetsAt } from '@/lib/usage/resets-at';
import { METRIC_TYPES, type MetricType, type MetricUsage, type SubscriptionTier, type Usage } from '@/lib/zod/schemas/usage';

interface UsageRow {
  tier: SubscriptionTier;
  period: string;
  metric: MetricType;
  current: string;
  quota: string | null;
  runs_in_progress: number;
  reserved_tokens: string;
}

/**
 * A run with the default answer budget reserves more than DEFAULT_MAX_OUTPUT_TOKENS (its prompt
 * comes on top), so below that, or with no run left, POST /api/runs refuses it for certain.
 */
function limitReason(metrics: MetricUsage[], resets: string): Usage['limitReason'] {
  const runs = metrics.find((m) => m.metricType === 'runs');
  if (runs?.limit != null && runs.remaining === 0) return { metricType: 'runs', message: runsUsedUpReason({ limit: runs.limit, resetsAt: resets }) };
  const tokens = metrics.find((m) => m.metricType === 'tokens');
  if (tokens?.limit != null && tokens.remaining !== null && tokens.remaining <= DEFAULT_MAX_OUTPUT_TOKENS) {
    return {
      metricType: 'tokens',
      message: tokensLowReason({
        answerBudget: DEFAULT_MAX_OUTPUT_TOKENS,
        remaining: tokens.remaining,
        limit: tokens.limit,
        reserved: tokens.reserved,
        resetsAt: resets,
      }),
    };
  }
  return null;
}

/**
 * Where the caller stands this month, per metered metric. The counters and limits are the ones
 * POST /api/runs checks (usage_metrics, private.usage_limit), so the page and the 429 never
 * disagree. The part held by runs in progress comes from the reservations recorded on them.
 */
export async function getUsage(tx: Queryable, { userId }: { userId: string }): Promise<Usage> {
  const rows = await tx<UsageRow[]>`
    with period as (select private.usage_period_start() as start),
    in_flight as (
      select count(*)::int as runs, coalesce(sum(r.reserved_tokens), 0) as tokens
      from public.agent_runs r, period
      where r.user_id = ${userId} and r.status in ('queued', 'running') and r.usage_period = period.start
    )
    select p.subscription_tier as tier, period.start::text as period, m.metric,
      coalesce(u.count, 0)::text as current, private.usage_limit(p.subscription_tier, m.metric)::text as quota,
      in_flight.runs as runs_in_progress, in_flight.tokens::text as reserved_tokens
    from public.user_profiles p
    cross join period
    cross join in_flight
    cross join unnest(${METRIC_TYPES as unknown as string[]}::text[]) with ordinality as m(metric, position)
    left join public.usage_metrics u
      on u.user_id = p.user_id and u.metric_type = m.metric and u.period_start = period.start
    where p.user_id = ${userId}
    order by m.position`;
  const first = rows[0];
  if (!first) throw new ApiError('not_found', 'No profile exists for this account.');
  const resets = resetsAt(first.period);
  const metrics = rows.map((row): MetricUsage => {
    const current = Number(row.current);
    const limit = row.quota === null ? null : Number(row.quota);
    // A counter lowered by hand can sit below what is in flight; what is counted is never more than current.
    const reserved = Math.min(current, row.metric === 'runs' ? row.runs_in_progress : Number(row.reserved_tokens));
    return { metricType: row.metric, current, used: current - reserved, reserved, limit, remaining: limit === null ? null : Math.max(0, limit - current), resetsAt: resets };
  });
  return {
    tier: first.tier,
    periodStart: `${first.period}T00:00:00.000Z`,
    resetsAt: resets,
    runsInProgress: first.runs_in_progress,
    metrics,
    limitReason: limitReason(metrics, resets),
  };
}
