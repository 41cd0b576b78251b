import { ApiError } from '@/lib/api/errors';
import { runsUsedUpReason, tokensRefusedReason } from '@/lib/usage/limit-reason';
import { resetsAt } from '@/lib/usage/resets-at';
import type { MetricType } from '@/lib/zod/schemas/usage';

export interface ReservationRow {
  ok: boolean;
  metric: MetricType;
  used: string;
  quota: string | null;
  period: string;
}

function limitExceeded(row: ReservationRow, tokens: number): ApiError {
  const current = Number(row.used);
  const limit = Number(row.quota);
  const remaining = Math.max(0, limit - current);
  const resets = resetsAt(row.period);
  const message =
    row.metric === 'runs' ? runsUsedUpReason({ limit, resetsAt: resets }) : tokensRefusedReason({ tokens, remaining, limit, resetsAt: resets });
  return new ApiError('limit_exceeded', message, { current, limit, remaining, metricType: row.metric, resetsAt: resets });
}

/**
 * The answer of private.reserve_usage / open_run: one ok row per metric, or the one metric that is
 * used up. Throws limit_exceeded (429) for a refusal; returns the reservation's period otherwise.
 */
export function throwIfRefused(rows: ReservationRow[], tokens: number): { period: string } {
  const refused = rows.find((row) => !row.ok);
  if (refused) throw limitExceeded(refused, tokens);
  return { period: rows[0]!.period };
}
