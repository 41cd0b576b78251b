import { withServiceRole } from '@/lib/db/service-role';

/**
 * Every metered action settles its reservation before its function's maxDuration (90 s at most),
 * in a finally path; a function killed mid-action cannot. A reservation still held after an hour
 * (the age is fixed in private.release_stale_reservations) is released, giving its amount back:
 * the action never delivered, so nothing of it stays counted.
 */
export async function releaseStaleReservations(): Promise<{ released: string[] }> {
  const rows = await withServiceRole((tx) => tx<{ id: string }[]>`select id from private.release_stale_reservations() as id`);
  return { released: rows.map((row) => row.id) };
}
