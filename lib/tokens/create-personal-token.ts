import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { issueApiToken } from '@/lib/tokens/issue-api-token';
import { MAX_LIVE_TOKENS, type CreateTokenBody, type CreatedToken } from '@/lib/zod/schemas/tokens';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Makes a personal access token for the caller, within the cap on live ones (409 beyond it).
 * A per-user transaction lock makes two simultaneous requests count one after the other.
 */
export async function createPersonalToken(tx: Queryable, { userId, body }: { userId: string; body: CreateTokenBody }): Promise<CreatedToken> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`api-tokens:${userId}`}, 0))`;
  const [{ live } = { live: 0 }] = await tx<{ live: number }[]>`
    select count(*)::int as live from public.api_tokens
    where user_id = ${userId} and kind = 'personal' and revoked_at is null and (expires_at is null or expires_at > now())`;
  if (live >= MAX_LIVE_TOKENS) {
    throw new ApiError('conflict', `You have ${MAX_LIVE_TOKENS} live tokens, the most there can be. Revoke one you no longer use, then make the new one.`);
  }
  const expiresAt = body.expiresInDays === null ? null : new Date(Date.now() + body.expiresInDays * DAY_MS);
  const issued = await issueApiToken(tx, { userId, name: body.name, scopes: body.scopes, expiresAt });
  return {
    token: issued.token,
    id: issued.id,
    name: body.name,
    prefix: issued.prefix,
    scopes: body.scopes,
    expiresAt: expiresAt ? expiresAt.toISOString() : null,
    createdAt: issued.createdAt,
  };
}
