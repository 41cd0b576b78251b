import type { Queryable } from '@/lib/db/client';
import type { AdminRunAnalytics } from '@/lib/zod/schemas/admin';

interface DayRow {
  day: string;
  runs: number;
  rated: number;
  approved: number;
  tokens: string;
  cost_usd: string;
}

interface ModelRow {
  model: string;
  runs: number;
  tokens: string;
  cost_usd: string;
}

/** Product-wide runs, verdicts, tokens and cost per UTC day and per model over the last `days` days. */
export async function getRunAnalytics(tx: Queryable, { days }: { days: number }): Promise<AdminRunAnalytics> {
  const [dayRows, modelRows] = await Promise.all([
    tx<DayRow[]>`select day::text as day, runs, rated, approved, tokens::text, cost_usd::text from private.admin_daily_runs(${days})`,
    tx<ModelRow[]>`select model, runs, tokens::text, cost_usd::text from private.admin_model_usage(${days})`,
  ]);
  const dayPoints = dayRows.map((row) => ({
    date: row.day,
    runs: row.runs,
    rated: row.rated,
    approved: row.approved,
    tokens: Number(row.tokens),
    costUsd: Number(row.cost_usd),
  }));
  const sum = (pick: (point: (typeof dayPoints)[number]) => number) => dayPoints.reduce((total, point) => total + pick(point), 0);
  const rated = sum((point) => point.rated);
  const approved = sum((point) => point.approved);
  return {
    from: dayPoints[0]?.date ?? '',
    to: dayPoints.at(-1)?.date ?? '',
    totals: {
      runs: sum((point) => point.runs),
      rated,
      approved,
      approvalRate: rated > 0 ? approved / rated : null,
      tokens: sum((point) => point.tokens),
      costUsd: sum((point) => point.costUsd),
    },
    days: dayPoints,
    models: modelRows.map((row) => ({ model: row.model, runs: row.runs, tokens: Number(row.tokens), costUsd: Number(row.cost_usd) })),
  };
}
