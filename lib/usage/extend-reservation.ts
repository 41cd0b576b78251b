import type { Queryable } from '@/lib/db/client';
import { asServer } from '@/lib/db/service-role';
import { limitExceeded, type ReservationRow } from '@/lib/usage/limit-exceeded';
import type { RefusalFacts } from '@/lib/usage/limit-reason';

/**
 * Takes `amount` more for a reservation still held, when the action turned out larger than it
 * reserved (a recording the provider measured longer than declared), in one more atomic step
 * against the limit. Refused, it throws limit_exceeded (429) in `words` and the reservation stays
 * as it was.
 */
export async function extendReservation(
  tx: Queryable,
  { id, amount, words }: { id: string; amount: number; words?: (facts: RefusalFacts) => string },
): Promise<void> {
  const [row] = await asServer(
    tx,
    (server) => server<ReservationRow[]>`select ok, metric, used::text, quota::text, period::text from private.extend_reservation(${id}, ${amount})`,
  );
  if (!row!.ok) throw limitExceeded(row!, amount, words);
}
