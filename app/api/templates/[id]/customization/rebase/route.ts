import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { rebaseCustomization } from '@/lib/templates/rebase-customization';
import { MAX_CUSTOMIZATION_BODY_BYTES, rebaseBodySchema, rebaseResultSchema, templateIdParamsSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Without `resolutions`: 200 with the plan, nothing written. With them: 200 with the rebased customisation, or 409 with the plan while a conflict is unresolved. */
export const POST = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, templateIdParamsSchema);
  const body = await parseBody(req, rebaseBodySchema, { maxBytes: MAX_CUSTOMIZATION_BODY_BYTES });
  return respond(rebaseResultSchema, await db((tx) => rebaseCustomization(tx, { userId, templateId: id, body })));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
