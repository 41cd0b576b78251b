import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { getCustomization } from '@/lib/templates/get-customization';
import { putCustomization } from '@/lib/templates/put-customization';
import {
  customizationSchema,
  customizationViewSchema,
  MAX_CUSTOMIZATION_BODY_BYTES,
  putCustomizationBodySchema,
  templateIdParamsSchema,
} from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The caller's customisation, its base version, the latest, and what changed upstream. */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, templateIdParamsSchema);
  return respond(customizationViewSchema, await db((tx) => getCustomization(tx, { userId, templateId: id })));
});

/** Saves a new version: 400 with `fields` for bad values, 409 when `expectedVersion` is stale. */
export const PUT = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, templateIdParamsSchema);
  const body = await parseBody(req, putCustomizationBodySchema, { maxBytes: MAX_CUSTOMIZATION_BODY_BYTES });
  return respond(customizationSchema, await db((tx) => putCustomization(tx, { userId, templateId: id, body })));
});

export const { POST, PATCH, DELETE } = otherMethods({ GET, PUT });
