import { ApiError } from '@/lib/api/errors';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { resolveApiToken } from '@/lib/tokens/resolve-api-token';
import type { ExtensionTokenInfo } from '@/lib/zod/schemas/extension';

const REFUSED = 'Send a live API token as "Authorization: Bearer vc_…". This one is missing, unknown, revoked or expired.';

/**
 * Who a `vc_…` token belongs to, what it may do and until when: the extension asks on start-up
 * whether it is still connected. The expiry is read as the owner, under RLS.
 */
export async function describeApiToken(authorization: string | null): Promise<ExtensionTokenInfo> {
  const token = /^Bearer (vc_[A-Za-z0-9]{1,100})$/.exec(authorization ?? '')?.[1];
  const resolved = token ? await resolveApiToken(token) : null;
  if (!resolved) throw new ApiError('unauthorized', REFUSED);
  const [row] = await withUserTransaction(
    { sub: resolved.userId, role: 'authenticated' },
    (tx) => tx<{ expires_at: Date | null }[]>`select expires_at from public.api_tokens where id = ${resolved.tokenId} and user_id = ${resolved.userId}`,
  );
  return {
    user: { id: resolved.userId, email: resolved.email },
    scopes: resolved.scopes,
    kind: resolved.kind,
    expiresAt: row?.expires_at?.toISOString() ?? null,
  };
}
