import type { Queryable } from '@/lib/db/client';
import { addDays, lastDays, todayUtc } from '@/lib/runs/stats-range';
import { METRIC_TYPES, type DailyUsage, type MetricType } from '@/lib/zod/schemas/usage';

interface PointRow {
  metric: MetricType;
  date: string;
  value: string;
}

/**
 * The caller's use of every metric per UTC day over the last `days` days (today included), oldest
 * first, days without use as 0. Runs and tokens come from the runs themselves (a run still in
 * progress counts the tokens it holds), the daily cap from its daily counters, and the other
 * metrics from their reservations (what each settled at, or holds while it is in progress), each
 * on the day it was made.
 */
export async function getDailyUsage(tx: Queryable, { userId, days }: { userId: string; days: number }): Promise<DailyUsage> {
  const range = lastDays(days, todayUtc());
  // Bounds as instants, so the (user_id, created_at) indexes serve the scans.
  const start = tx`(${range.from}::date::timestamp at time zone 'UTC')`;
  const end = tx`((${range.to}::date + 1)::timestamp at time zone 'UTC')`;
  const rows = await tx<PointRow[]>`
    with run as (
      select (r.created_at at time zone 'UTC')::date as date, count(*) as runs,
        sum(case when r.status in ('queued', 'running') then r.reserved_tokens else r.input_tokens::bigint + r.output_tokens end) as tokens
      from public.agent_runs r
      where r.user_id = ${userId} and r.created_at >= ${start} and r.created_at < ${end}
      group by 1
    )
    select 'runs' as metric, run.date::text as date, run.runs::text as value from run
    union all
    select 'tokens', run.date::text, run.tokens::text from run
    union all
    select 'daily_tokens', u.period_start::text, u.count::text
    from public.usage_metrics u
    where u.user_id = ${userId} and u.metric_type = 'daily_tokens' and u.period_start between ${range.from}::date and ${range.to}::date
    union all
    select h.metric, (h.created_at at time zone 'UTC')::date::text,
      sum(case when h.state = 'held' then h.reserved_amount else h.settled_amount end)::text
    from public.usage_reservations h
    where h.user_id = ${userId} and h.created_at >= ${start} and h.created_at < ${end}
    group by 1, 2`;
  const values = new Map(rows.map((row) => [`${row.metric} ${row.date}`, Number(row.value)]));
  const dates = Array.from({ length: range.days }, (_, index) => addDays(range.from, index));
  return {
    from: range.from,
    to: range.to,
    series: METRIC_TYPES.map((metricType) => ({
      metricType,
      points: dates.map((date) => ({ date, value: values.get(`${metricType} ${date}`) ?? 0 })),
    })),
  };
}
