import { otherMethods } from '@/lib/api/methods';
import { respond, withPublic } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { exchangeExtensionCode } from '@/lib/extension/exchange-extension-code';
import { exchangeExtensionCodeBodySchema, extensionGrantSchema } from '@/lib/zod/schemas/extension';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** PKCE: the one-time code and the verifier whose challenge it was made for → access and refresh token. */
export const POST = withPublic(async ({ req }) => {
  const body = await parseBody(req, exchangeExtensionCodeBodySchema, { maxBytes: 4096 });
  return respond(extensionGrantSchema, await exchangeExtensionCode(body));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
