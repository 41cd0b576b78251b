import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { previewCustomization } from '@/lib/templates/preview-customization';
import { draftCustomizationBodySchema, MAX_CUSTOMIZATION_BODY_BYTES, previewSchema, templateIdParamsSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Base (defaults) and customised (saved, or the draft in the body) rendered side by side, with their diff. Saves nothing. */
export const POST = withUser<{ id: string }>(
  async ({ req, params, db, userId }) => {
    const { id } = parseParams(params, templateIdParamsSchema);
    const body = await parseBody(req, draftCustomizationBodySchema, { maxBytes: MAX_CUSTOMIZATION_BODY_BYTES });
    return respond(previewSchema, await db((tx) => previewCustomization(tx, { userId, templateId: id, body })));
  },
  { rateLimit: 'reads' },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
