import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { deleteTemplatePreset } from '@/lib/templates/delete-template-preset';
import { updateTemplatePreset } from '@/lib/templates/update-template-preset';
import { idParamsSchema, templatePresetSchema, updateTemplatePresetBodySchema } from '@/lib/zod/schemas/template-sharing';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Changes one of the caller's presets (any of name, description, templateIds, variables); a system preset is 403. */
export const PATCH = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, idParamsSchema);
  const body = await parseBody(req, updateTemplatePresetBodySchema, { maxBytes: 32 * 1024 });
  return respond(templatePresetSchema, await db((tx) => updateTemplatePreset(tx, { userId, presetId: id, body })));
});

/** Deletes one of the caller's presets: 204; a system preset is 403. */
export const DELETE = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, idParamsSchema);
  await db((tx) => deleteTemplatePreset(tx, { userId, presetId: id }));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT } = otherMethods({ PATCH, DELETE });
