import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { createPreset } from '@/lib/vibe/create-preset';
import { listPresets } from '@/lib/vibe/list-presets';
import { createPresetBodySchema, presetListSchema, presetSchema } from '@/lib/zod/schemas/vibe';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const GET = withUser(async ({ db, userId }) => {
  const presets = await db((tx) => listPresets(tx, { userId }));
  return respond(presetListSchema, { presets });
});

export const POST = withUser(async ({ req, db, userId }) => {
  const { name, settings } = await parseBody(req, createPresetBodySchema, { maxBytes: 16 * 1024 });
  const preset = await db((tx) => createPreset(tx, { userId, name, settings }));
  return respond(presetSchema, preset, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
