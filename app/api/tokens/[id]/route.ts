import { otherMethods } from '@/lib/api/methods';
import { withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { revokeApiToken } from '@/lib/tokens/revoke-api-token';
import { tokenIdParamsSchema } from '@/lib/zod/schemas/tokens';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Revokes one of the caller's tokens at once: 204 (also when it was revoked already); another user's or an unknown one is a 404. Session only. */
export const DELETE = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, tokenIdParamsSchema);
  await db((tx) => revokeApiToken(tx, { userId, tokenId: id }));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = otherMethods({ DELETE });
