import { ApiError } from '@/lib/api/errors';
import { refusalReason, type RefusalFacts } from '@/lib/usage/limit-reason';
import { resetsAt } from '@/lib/usage/resets-at';
import { METRIC_PERIOD, type MetricType } from '@/lib/zod/schemas/usage';

/** A row of the database's reservation functions (private.reserve_usage, open_run, reserve_metric, extend_reservation). */
export interface ReservationRow {
  ok: boolean;
  metric: MetricType;
  used: string;
  quota: string | null;
  period: string;
}

/**
 * The 429 of every metric: `{ error: { code: "limit_exceeded", message }, current, limit,
 * remaining, metricType, resetsAt }` (the handler adds requestId), built from the refusal row the
 * database answered and the amount that did not fit. The words are the metric's own unless the
 * caller phrases a special case (a recording longer than declared).
 */
export function limitExceeded(row: ReservationRow, amount: number, words: (facts: RefusalFacts) => string = (facts) => refusalReason(row.metric, facts)): ApiError {
  const current = Number(row.used);
  const limit = Number(row.quota);
  const remaining = Math.max(0, limit - current);
  const resets = resetsAt(row.period, METRIC_PERIOD[row.metric]);
  return new ApiError('limit_exceeded', words({ amount, remaining, limit, resetsAt: resets }), {
    current,
    limit,
    remaining,
    metricType: row.metric,
    resetsAt: resets,
  });
}
