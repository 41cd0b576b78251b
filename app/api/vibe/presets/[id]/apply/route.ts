import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { applyPreset } from '@/lib/vibe/apply-preset';
import { presetIdParamsSchema, vibeSchema } from '@/lib/zod/schemas/vibe';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const POST = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, presetIdParamsSchema);
  const vibe = await db((tx) => applyPreset(tx, { userId, presetId: id }));
  return respond(vibeSchema, vibe);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
