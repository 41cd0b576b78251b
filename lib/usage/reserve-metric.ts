import type { Queryable } from '@/lib/db/client';
import { asServer } from '@/lib/db/service-role';
import { limitExceeded, type ReservationRow } from '@/lib/usage/limit-exceeded';
import type { MetricType } from '@/lib/zod/schemas/usage';

/** The metrics reserved one action at a time; runs, tokens and daily_tokens are reserved by opening a run. */
export type ReservableMetric = Extract<MetricType, 'templates' | 'exports' | 'voice_seconds'>;

export interface Reservation {
  id: string;
  /** The first day of the period it counts in. */
  period: string;
}

/**
 * Takes `amount` of a metric from the user's allowance for this period before the action runs, in
 * the caller's transaction (it commits or rolls back with it), and records the reservation the
 * settlement will name. Over the limit it throws limit_exceeded (429) and writes nothing. Settle it
 * with settleReservation once the action has ended, whatever its outcome; one left held is
 * released by the daily maintenance after an hour.
 */
export async function reserveMetric(
  tx: Queryable,
  { userId, metricType, amount, subject }: { userId: string; metricType: ReservableMetric; amount: number; subject: string },
): Promise<Reservation> {
  const [row] = await asServer(
    tx,
    (server) => server<(ReservationRow & { reservation_id: string | null })[]>`
      select ok, metric, used::text, quota::text, period::text, reservation_id
      from private.reserve_metric(${userId}, ${metricType}, ${amount}, ${Array.from(subject).slice(0, 200).join('')})`,
  );
  if (!row!.ok) throw limitExceeded(row!, amount);
  return { id: row!.reservation_id!, period: row!.period };
}
