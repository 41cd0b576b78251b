import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { withServiceRoleTransaction } from '@/lib/db/service-role';
import { retryEvent } from '@/lib/events/retry-event';

/**
 * An administrator's Retry of anyone's dead event. The administrator's own transaction asks the
 * database (which checks admin) whose event it is; the server then requeues it for that owner
 * exactly as the owner's Retry does.
 */
export async function retryEventAsAdmin(db: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>, { eventId }: { eventId: string }): Promise<void> {
  const [row] = await db((tx) => tx<{ owner: string | null }[]>`select private.admin_dead_event_owner(${eventId}) as owner`);
  if (!row?.owner) throw new ApiError('not_found', 'No dead event has this id.');
  await retryEvent((fn) => withServiceRoleTransaction((tx) => fn(tx)), { userId: row.owner, eventId });
}
