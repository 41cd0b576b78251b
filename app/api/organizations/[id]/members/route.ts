import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { listMembers } from '@/lib/organizations/list-members';
import { memberListSchema, orgIdParamsSchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The members, owners first, for any member; 404 for anyone else. */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, orgIdParamsSchema);
  return respond(memberListSchema, { members: await db((tx) => listMembers(tx, { userId, orgId: id })) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
