import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';

// The SQLSTATEs private.apply_admin_change raises (migration 032).
const SET_ADMIN_ERRORS = new Map<unknown, () => ApiError>([
  ['AD404', () => new ApiError('not_found', 'No user has this id.')],
  ['AD409', () => new ApiError('conflict', 'You are the last administrator. Grant admin to someone else before revoking your own.')],
]);

/**
 * Grants or revokes admin on another account as the signed-in administrator; the database function
 * checks the caller, keeps the last administrator, and writes the audit row in the same step.
 * Answers whether anything changed (granting an administrator changes nothing and logs nothing).
 */
export async function setAdmin(tx: Queryable, { targetId, admin }: { targetId: string; admin: boolean }): Promise<boolean> {
  try {
    const [row] = await tx<{ changed: boolean }[]>`select private.set_admin(${targetId}, ${admin}) as changed`;
    return row!.changed;
  } catch (error) {
    const mapped = typeof error === 'object' && error !== null ? SET_ADMIN_ERRORS.get((error as { code?: unknown }).code) : undefined;
    throw mapped ? mapped() : error;
  }
}
