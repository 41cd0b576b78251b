import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { createTemplatePreset } from '@/lib/templates/create-template-preset';
import { listTemplatePresets } from '@/lib/templates/list-template-presets';
import { createTemplatePresetBodySchema, templatePresetListSchema, templatePresetSchema } from '@/lib/zod/schemas/template-sharing';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The system presets and the caller's own. */
export const GET = withUser(async ({ db, userId }) => {
  return respond(templatePresetListSchema, { presets: await db((tx) => listTemplatePresets(tx, { userId })) });
});

/** `{ name, description?, templateIds?, variables }`: 201 with the new preset; 400 with `fields` for unknown templates or variables. */
export const POST = withUser(async ({ req, db, userId }) => {
  const body = await parseBody(req, createTemplatePresetBodySchema, { maxBytes: 32 * 1024 });
  return respond(templatePresetSchema, await db((tx) => createTemplatePreset(tx, { userId, body })), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
