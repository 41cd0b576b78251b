import type { Queryable } from '@/lib/db/client';
import type { RunStats } from '@/lib/zod/schemas/run-stats';

interface DayRow {
  day: string;
  runs: number;
  approved: number;
  rated: number;
  tokens: string;
  cost_usd: number;
}

const rate = (approved: number, rated: number) => (rated === 0 ? null : approved / rated);

/**
 * The caller's runs per UTC day for the last `days` days, empty days included so charts have a
 * continuous axis. Approval rate counts only runs that received feedback.
 */
export async function getRunStats(tx: Queryable, { userId, days }: { userId: string; days: number }): Promise<RunStats> {
  const rows = await tx<DayRow[]>`
    with day as (
      select ((now() at time zone 'UTC')::date - g) as day
      from generate_series(0, ${days - 1}::int) as g
    )
    select to_char(day.day, 'YYYY-MM-DD') as day,
      count(r.id)::int as runs,
      (count(*) filter (where r.feedback = 'approved'))::int as approved,
      (count(*) filter (where r.feedback is not null))::int as rated,
      coalesce(sum(r.input_tokens + r.output_tokens), 0)::bigint as tokens,
      coalesce(sum(r.cost_usd), 0)::float8 as cost_usd
    from day
    left join public.agent_runs r
      on r.user_id = ${userId} and (r.created_at at time zone 'UTC')::date = day.day
    group by day.day
    order by day.day`;
  const list = rows.map((row) => ({
    day: row.day,
    runs: row.runs,
    approved: row.approved,
    rated: row.rated,
    approvalRate: rate(row.approved, row.rated),
    tokens: Number(row.tokens),
    costUsd: row.cost_usd,
  }));
  const sum = (pick: (d: (typeof list)[number]) => number) => list.reduce((total, d) => total + pick(d), 0);
  const approved = sum((d) => d.approved);
  const rated = sum((d) => d.rated);
  return {
    days: list,
    totals: { runs: sum((d) => d.runs), approved, rated, approvalRate: rate(approved, rated), tokens: sum((d) => d.tokens), costUsd: sum((d) => d.costUsd) },
  };
}
