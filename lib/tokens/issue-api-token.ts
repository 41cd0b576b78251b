import type { Queryable } from '@/lib/db/client';
import type { TokenScope } from '@/lib/tokens/scopes';
import { newTokenSecret } from '@/lib/tokens/token-secret';

export interface IssuedToken {
  id: string;
  token: string;
  prefix: string;
  createdAt: string;
}

/**
 * Stores a new token's hash and returns the secret, which is never stored and cannot be shown
 * again. Personal tokens go through the user's own transaction (RLS: only their own, only
 * personal); the extension's tokens (kind 'extension', with their family) through the server's.
 */
export async function issueApiToken(
  tx: Queryable,
  input: { userId: string; name: string; scopes: readonly TokenScope[]; expiresAt: Date | null; kind?: 'personal' | 'extension'; familyId?: string | null },
): Promise<IssuedToken> {
  const secret = newTokenSecret();
  const kind = input.kind ?? 'personal';
  const [row] = await tx<{ id: string; created_at: Date }[]>`
    insert into public.api_tokens ${tx(
      kind === 'personal'
        ? { user_id: input.userId, name: input.name, prefix: secret.prefix, token_hash: secret.hash, scopes: [...input.scopes], expires_at: input.expiresAt }
        : {
            user_id: input.userId,
            name: input.name,
            kind,
            family_id: input.familyId ?? null,
            prefix: secret.prefix,
            token_hash: secret.hash,
            scopes: [...input.scopes],
            expires_at: input.expiresAt,
          },
    )}
    returning id, created_at`;
  return { id: row!.id, token: secret.token, prefix: secret.prefix, createdAt: row!.created_at.toISOString() };
}
