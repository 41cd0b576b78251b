import { otherMethods } from '@/lib/api/methods';
import { withPublic } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { revokeExtensionFamily } from '@/lib/extension/revoke-extension-family';
import { refreshExtensionTokenBodySchema } from '@/lib/zod/schemas/extension';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Disconnect: `{ refreshToken }` → 204, and that connection's tokens are revoked. */
export const POST = withPublic(async ({ req }) => {
  await revokeExtensionFamily(await parseBody(req, refreshExtensionTokenBodySchema, { maxBytes: 4096 }));
  return new Response(null, { status: 204 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
