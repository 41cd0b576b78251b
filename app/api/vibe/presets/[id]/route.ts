import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { deletePreset } from '@/lib/vibe/delete-preset';
import { updatePreset } from '@/lib/vibe/update-preset';
import { presetIdParamsSchema, presetSchema, updatePresetBodySchema } from '@/lib/zod/schemas/vibe';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const PATCH = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, presetIdParamsSchema);
  const changes = await parseBody(req, updatePresetBodySchema, { maxBytes: 16 * 1024 });
  const preset = await db((tx) => updatePreset(tx, { userId, presetId: id, changes }));
  return respond(presetSchema, preset);
});

export const DELETE = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, presetIdParamsSchema);
  await db((tx) => deletePreset(tx, { userId, presetId: id }));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT } = otherMethods({ PATCH, DELETE });
