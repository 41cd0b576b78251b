import { otherMethods } from '@/lib/api/methods';
import { respond, withPublic } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { rotateExtensionRefresh } from '@/lib/extension/rotate-extension-refresh';
import { extensionGrantSchema, refreshExtensionTokenBodySchema } from '@/lib/zod/schemas/extension';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** A refresh token → a new access and refresh token; a spent one presented again revokes them all. */
export const POST = withPublic(async ({ req }) => {
  const body = await parseBody(req, refreshExtensionTokenBodySchema, { maxBytes: 4096 });
  return respond(extensionGrantSchema, await rotateExtensionRefresh(body));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
