import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { requireCurrentUser } from '@/lib/auth/require-current-user';
import { createPersonalToken } from '@/lib/tokens/create-personal-token';
import { listApiTokens } from '@/lib/tokens/list-api-tokens';
import { parseCreateTokenBody } from '@/lib/tokens/parse-create-token-body';
import { apiTokenListSchema, createdTokenSchema } from '@/lib/zod/schemas/tokens';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

// Session only (no scope): a token can neither list nor make tokens.

/** The caller's tokens (personal ones and the extension's live ones), newest first; never a secret or hash. */
export const GET = withUser(async ({ db, userId }) => respond(apiTokenListSchema, { tokens: await db((tx) => listApiTokens(tx, { userId })) }));

/**
 * `{ name, scopes, expiresInDays | null }`: 201 with the token's secret, shown this once; a refusal
 * names each field. A token outlives the session that made it, so the session is re-checked with
 * the auth server first: an access token left over from a sign-out cannot mint a lasting one.
 */
export const POST = withUser(async ({ req, db, userId }) => {
  const body = await parseCreateTokenBody(req);
  await requireCurrentUser(req, userId);
  return respond(createdTokenSchema, await db((tx) => createPersonalToken(tx, { userId, body })), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
