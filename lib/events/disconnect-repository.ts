import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';

/** Disconnects one of the caller's repositories; its events stay, with their suggestions. */
export async function disconnectRepository(tx: Queryable, { userId, repositoryId }: { userId: string; repositoryId: string }): Promise<void> {
  const deleted = await tx`delete from public.connected_repositories where id = ${repositoryId} and user_id = ${userId} returning id`;
  if (deleted.length === 0) throw new ApiError('not_found', 'No connected repository of yours has this id.');
}
