import { ApiError } from '@/lib/api/errors';
import { isUniqueViolation } from '@/lib/api/database-errors';
import type { Queryable } from '@/lib/db/client';
import { MAX_REPOSITORIES } from '@/lib/events/list-repositories';
import type { Repository } from '@/lib/zod/schemas/events';

/** Connects owner/name for the caller (RLS: only as themselves); 409 if it already is. */
export async function connectRepository(tx: Queryable, { userId, fullName }: { userId: string; fullName: string }): Promise<Repository> {
  // Taken per user so two concurrent connects cannot pass the count together.
  await tx`select pg_advisory_xact_lock(hashtextextended(${`repositories:${userId}`}, 0))`;
  const [count] = await tx<{ n: number }[]>`select count(*)::int as n from public.connected_repositories where user_id = ${userId}`;
  if ((count?.n ?? 0) >= MAX_REPOSITORIES) throw new ApiError('conflict', `At most ${MAX_REPOSITORIES} repositories can be connected; disconnect one first.`);
  try {
    const [row] = await tx<{ id: string; full_name: string; created_at: Date }[]>`
      insert into public.connected_repositories (full_name) values (${fullName}) returning id, full_name, created_at`;
    return { id: row!.id, fullName: row!.full_name, createdAt: row!.created_at.toISOString(), lastEvent: null };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError('conflict', `${fullName} is already connected.`);
    throw error;
  }
}
