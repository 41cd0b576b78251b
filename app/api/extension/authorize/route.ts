import { otherMethods } from '@/lib/api/methods';
import { ApiError } from '@/lib/api/errors';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { createExtensionAuthCode } from '@/lib/extension/create-extension-auth-code';
import { authorizeExtensionBodySchema, extensionAuthCodeSchema } from '@/lib/zod/schemas/extension';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/**
 * The signed-in person approves the extension on /extension/connect: a one-time code bound to
 * the extension's PKCE challenge. Sessions only: an API token cannot mint more tokens.
 */
export const POST = withUser(async ({ req, db, token }) => {
  if (token) throw new ApiError('forbidden', 'Approve the extension on the site, signed in: an API token cannot connect it.');
  const { challenge, state } = await parseBody(req, authorizeExtensionBodySchema, { maxBytes: 4096 });
  const { code, expiresAt } = await db((tx) => createExtensionAuthCode(tx, { challenge }));
  return respond(extensionAuthCodeSchema, { code, state, expiresAt }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
