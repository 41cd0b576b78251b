import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { validateCustomization } from '@/lib/templates/validate-customization';
import { draftCustomizationBodySchema, MAX_CUSTOMIZATION_BODY_BYTES, templateIdParamsSchema, validationResultSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The checks of a save without saving: 200 `{ valid, baseVersion, errors: [{ field, message }] }`. */
export const POST = withUser<{ id: string }>(
  async ({ req, params, db, userId }) => {
    const { id } = parseParams(params, templateIdParamsSchema);
    const body = await parseBody(req, draftCustomizationBodySchema, { maxBytes: MAX_CUSTOMIZATION_BODY_BYTES });
    return respond(validationResultSchema, await db((tx) => validateCustomization(tx, { userId, templateId: id, body })));
  },
  { rateLimit: 'reads' },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
