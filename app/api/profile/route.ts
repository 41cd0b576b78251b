import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { getProfile } from '@/lib/profile/get-profile';
import { updateProfile } from '@/lib/profile/update-profile';
import { profileSchema, updateProfileBodySchema } from '@/lib/zod/schemas/profile';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const GET = withUser(async ({ db, userId }) => {
  const profile = await db((tx) => getProfile(tx, { userId }));
  return respond(profileSchema, profile);
}, { scope: 'profile:read' });

export const PUT = withUser(async ({ req, db, userId }) => {
  const changes = await parseBody(req, updateProfileBodySchema, { maxBytes: 16 * 1024 });
  const profile = await db((tx) => updateProfile(tx, { userId, changes }));
  return respond(profileSchema, profile);
});

export const { POST, PATCH, DELETE } = otherMethods({ GET, PUT });
