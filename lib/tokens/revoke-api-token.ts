import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';

export const TOKEN_NOT_FOUND = 'There is no such token among yours.';

/**
 * Revokes one of the caller's tokens: the next request with it is refused (401). Revoking an
 * already revoked token changes nothing and succeeds; an extension token takes its whole family
 * with it (the extension is disconnected). Another user's token is a 404, like a missing one.
 */
export async function revokeApiToken(tx: Queryable, { userId, tokenId }: { userId: string; tokenId: string }): Promise<void> {
  const [token] = await tx<{ id: string; family_id: string | null }[]>`
    select id, family_id from public.api_tokens where id = ${tokenId} and user_id = ${userId}`;
  if (!token) throw new ApiError('not_found', TOKEN_NOT_FOUND);
  await tx`
    update public.api_tokens set revoked_at = now()
    where user_id = ${userId} and revoked_at is null
      and (id = ${token.id} or (${token.family_id}::uuid is not null and family_id = ${token.family_id}::uuid))`;
}
