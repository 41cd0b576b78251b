import { ApiError } from '@/lib/api/errors';

/** The database's refusal to leave an organization without an owner (migration 031's trigger), as a 409; anything else unchanged. */
export function lastOwnerError(error: unknown): unknown {
  if (error instanceof Error && (error as { constraint_name?: unknown }).constraint_name === 'organization_keeps_an_owner') {
    return new ApiError('conflict', 'An organization needs an owner: make another member an owner, or transfer ownership, first.');
  }
  return error;
}
