import type { Queryable } from '@/lib/db/client';
import type { DayRange } from '@/lib/runs/stats-range';
import { MAX_STATS_MODELS, type RunStats } from '@/lib/zod/schemas/run-stats';
import type { OutputType, RunStatus } from '@/lib/zod/schemas/runs';

interface DayRow {
  day: string;
  runs: number;
  approved: number;
  rated: number;
  tokens: string;
  cost_usd: number;
}

interface ModelRow extends Omit<DayRow, 'day'> {
  model: string;
}

export interface RunStatsFilter {
  range: DayRange;
  status?: RunStatus;
  outputType?: OutputType;
}

const rate = (approved: number, rated: number) => (rated === 0 ? null : approved / rated);

/**
 * The caller's runs per UTC day over the range, empty days included so charts have a continuous
 * axis, and per model over the whole range. Approval rate counts only runs that received feedback.
 */
export async function getRunStats(tx: Queryable, { userId, filter }: { userId: string; filter: RunStatsFilter }): Promise<RunStats> {
  const { range } = filter;
  // Bounds as instants, so the (user_id, created_at) index serves both queries.
  const start = tx`(${range.from}::date::timestamp at time zone 'UTC')`;
  const end = tx`((${range.to}::date + 1)::timestamp at time zone 'UTC')`;
  const conditions = [tx`r.user_id = ${userId}`, tx`r.created_at >= ${start}`, tx`r.created_at < ${end}`];
  if (filter.status) conditions.push(tx`r.status = ${filter.status}`);
  if (filter.outputType) conditions.push(tx`r.output_type = ${filter.outputType}`);
  const where = conditions.reduce((all, next) => tx`${all} and ${next}`);

  const [dayRows, modelRows] = await Promise.all([
    tx<DayRow[]>`
      with run as (
        select (r.created_at at time zone 'UTC')::date as day, r.feedback, r.input_tokens + r.output_tokens as tokens, r.cost_usd
        from public.agent_runs r
        where ${where}
      )
      select to_char(d.day, 'YYYY-MM-DD') as day,
        count(run.day)::int as runs,
        (count(*) filter (where run.feedback = 'approved'))::int as approved,
        (count(*) filter (where run.feedback is not null))::int as rated,
        coalesce(sum(run.tokens), 0)::bigint as tokens,
        coalesce(sum(run.cost_usd), 0)::float8 as cost_usd
      from generate_series(${range.from}::date, ${range.to}::date, interval '1 day') as d(day)
      left join run on run.day = d.day::date
      group by d.day
      order by d.day`,
    tx<ModelRow[]>`
      select r.model, count(*)::int as runs,
        (count(*) filter (where r.feedback = 'approved'))::int as approved,
        (count(*) filter (where r.feedback is not null))::int as rated,
        sum(r.input_tokens + r.output_tokens)::bigint as tokens,
        sum(r.cost_usd)::float8 as cost_usd
      from public.agent_runs r
      where ${where}
      group by r.model
      order by runs desc, r.model
      limit ${MAX_STATS_MODELS}`,
  ]);

  const days = dayRows.map((row) => ({
    day: row.day,
    runs: row.runs,
    approved: row.approved,
    rated: row.rated,
    approvalRate: rate(row.approved, row.rated),
    tokens: Number(row.tokens),
    costUsd: row.cost_usd,
  }));
  const sum = (pick: (d: (typeof days)[number]) => number) => days.reduce((total, d) => total + pick(d), 0);
  const approved = sum((d) => d.approved);
  const rated = sum((d) => d.rated);
  return {
    from: range.from,
    to: range.to,
    days,
    totals: { runs: sum((d) => d.runs), approved, rated, approvalRate: rate(approved, rated), tokens: sum((d) => d.tokens), costUsd: sum((d) => d.costUsd) },
    models: modelRows.map((row) => ({
      model: row.model,
      runs: row.runs,
      approved: row.approved,
      rated: row.rated,
      approvalRate: rate(row.approved, row.rated),
      tokens: Number(row.tokens),
      costUsd: row.cost_usd,
    })),
  };
}
