import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { rollbackCustomization } from '@/lib/templates/rollback-customization';
import { customizationSchema, rollbackBodySchema, templateIdParamsSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** `{ toVersion, expectedVersion }`: a new version equal to version `toVersion`. */
export const POST = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, templateIdParamsSchema);
  const { toVersion, expectedVersion } = await parseBody(req, rollbackBodySchema, { maxBytes: 1024 });
  return respond(customizationSchema, await db((tx) => rollbackCustomization(tx, { userId, templateId: id, toVersion, expectedVersion })));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
