import { withAnonTransaction } from '@/lib/db/anon-transaction';
import type { TokenScope } from '@/lib/tokens/scopes';
import { API_TOKEN_PATTERN, hashToken } from '@/lib/tokens/token-secret';

export interface ResolvedToken {
  tokenId: string;
  userId: string;
  email: string | null;
  kind: 'personal' | 'extension';
  scopes: TokenScope[];
}

/**
 * The owner and scopes of a live `vc_…` token, or null when it is unknown, revoked or expired
 * (the database decides, so a revocation applies to the next request). One round trip.
 */
export async function resolveApiToken(token: string): Promise<ResolvedToken | null> {
  if (!API_TOKEN_PATTERN.test(token)) return null;
  const [row] = await withAnonTransaction(
    (tx) => tx<{ token_id: string; user_id: string; scopes: TokenScope[]; kind: ResolvedToken['kind']; email: string | null }[]>`
      select token_id, user_id, scopes, kind, email from public.resolve_api_token(${hashToken(token)})`,
  );
  return row ? { tokenId: row.token_id, userId: row.user_id, email: row.email, kind: row.kind, scopes: row.scopes } : null;
}
