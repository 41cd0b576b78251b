import type { Queryable } from '@/lib/db/client';
import type { ApiToken } from '@/lib/zod/schemas/tokens';

interface TokenRow {
  id: string;
  name: string;
  kind: ApiToken['kind'];
  prefix: string;
  scopes: ApiToken['scopes'];
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
  status: ApiToken['status'];
}

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/**
 * The caller's tokens, newest first: every personal token (revoked and expired ones too, so the
 * list says what happened to them), and the extension's live ones (the extension rotates its
 * tokens, and the spent ones would only crowd the list). The hash is not even selectable.
 */
export async function listApiTokens(tx: Queryable, { userId }: { userId: string }): Promise<ApiToken[]> {
  const rows = await tx<TokenRow[]>`
    select id, name, kind, prefix, scopes, expires_at, last_used_at, revoked_at, created_at,
      case when revoked_at is not null then 'revoked' when expires_at <= now() then 'expired' else 'active' end as status
    from public.api_tokens
    where user_id = ${userId}
      and (kind = 'personal' or (revoked_at is null and (expires_at is null or expires_at > now())))
    order by created_at desc, id
    limit 200`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    prefix: row.prefix,
    scopes: row.scopes,
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
    createdAt: row.created_at.toISOString(),
    status: row.status,
  }));
}
