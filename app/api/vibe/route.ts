import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { getVibe } from '@/lib/vibe/get-vibe';
import { updateVibe } from '@/lib/vibe/update-vibe';
import { updateVibeBodySchema, vibeSchema } from '@/lib/zod/schemas/vibe';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const GET = withUser(async ({ db, userId }) => {
  const vibe = await db((tx) => getVibe(tx, { userId }));
  return respond(vibeSchema, vibe);
});

export const PUT = withUser(async ({ req, db, userId }) => {
  const { version, ...changes } = await parseBody(req, updateVibeBodySchema, { maxBytes: 16 * 1024 });
  const vibe = await db((tx) => updateVibe(tx, { userId, changes, basedOn: version }));
  return respond(vibeSchema, vibe);
});

export const { POST, PATCH, DELETE } = otherMethods({ GET, PUT });
