import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { cloneSharedCustomization } from '@/lib/templates/clone-shared-customization';
import { cloneShareBodySchema, idParamsSchema } from '@/lib/zod/schemas/template-sharing';
import { customizationSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** `{ expectedVersion? }` (an empty body is fine): 201 with the caller's customisation, now holding a copy of the shared one. */
export const POST = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, idParamsSchema);
  const { expectedVersion } = await parseBody(req, cloneShareBodySchema, { maxBytes: 1024 });
  return respond(customizationSchema, await db((tx) => cloneSharedCustomization(tx, { userId, shareId: id, expectedVersion })), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
