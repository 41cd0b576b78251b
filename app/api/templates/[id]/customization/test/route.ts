import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { testRenderCustomization } from '@/lib/templates/test-render-customization';
import { draftCustomizationBodySchema, MAX_CUSTOMIZATION_BODY_BYTES, templateIdParamsSchema, testRenderSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** A test render with sample values over the saved customisation (or the defaults). Saves nothing. */
export const POST = withUser<{ id: string }>(
  async ({ req, params, db, userId }) => {
    const { id } = parseParams(params, templateIdParamsSchema);
    const body = await parseBody(req, draftCustomizationBodySchema, { maxBytes: MAX_CUSTOMIZATION_BODY_BYTES });
    return respond(testRenderSchema, await db((tx) => testRenderCustomization(tx, { userId, templateId: id, body })));
  },
  { rateLimit: 'reads' },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
