import type { Queryable } from '@/lib/db/client';
import { asServer } from '@/lib/db/service-role';

/**
 * Settles a reservation of reserveMetric with what the action used: the database keeps at most
 * what the reservation took and gives the rest back. `used` 0 releases it (a failed action).
 * Answers whether this call settled it; a reservation settles once, so a second call is false.
 */
export async function settleReservation(tx: Queryable, { id, used }: { id: string; used: number }): Promise<boolean> {
  const [row] = await asServer(tx, (server) => server<{ settled: boolean }[]>`select private.settle_reservation(${id}, ${used}) as settled`);
  return row?.settled === true;
}
