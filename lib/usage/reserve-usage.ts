import { limitExceeded, type ReservationRow } from '@/lib/usage/limit-exceeded';

/**
 * The answer of private.reserve_usage / open_run: one ok row per metric (runs, tokens,
 * daily_tokens), or the one metric that is used up. Throws limit_exceeded (429) for a refusal;
 * returns the month the reservation was made in otherwise.
 */
export function throwIfRefused(rows: ReservationRow[], tokens: number): { period: string } {
  const refused = rows.find((row) => !row.ok);
  if (refused) throw limitExceeded(refused, refused.metric === 'runs' ? 1 : tokens);
  return { period: rows.find((row) => row.metric === 'runs')!.period };
}
