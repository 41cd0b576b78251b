import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { removeMember } from '@/lib/organizations/remove-member';
import { updateMemberRole } from '@/lib/organizations/update-member-role';
import { memberParamsSchema, memberSchema, updateMemberBodySchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

type Params = { id: string; userId: string };

/** `{ role }`: an owner changes a member's role; the last owner cannot be demoted (409). */
export const PATCH = withUser<Params>(async ({ req, params, db, userId }) => {
  const { id, userId: memberId } = parseParams(params, memberParamsSchema);
  const { role } = await parseBody(req, updateMemberBodySchema, { maxBytes: 1024 });
  return respond(memberSchema, await db((tx) => updateMemberRole(tx, { userId, orgId: id, memberId, role })));
});

/** Removes a member (owners: anyone; admins: non-owners), or the caller leaves (their own id). 204; the last owner cannot go (409). */
export const DELETE = withUser<Params>(async ({ params, db, userId }) => {
  const { id, userId: memberId } = parseParams(params, memberParamsSchema);
  await db((tx) => removeMember(tx, { userId, orgId: id, memberId }));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT } = otherMethods({ PATCH, DELETE });
