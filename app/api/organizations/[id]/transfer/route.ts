import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { transferOwnership } from '@/lib/organizations/transfer-ownership';
import { organizationSchema, orgIdParamsSchema, transferBodySchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** `{ userId }`: an owner hands the organization to a member, who becomes its owner; the caller stays as an admin. */
export const POST = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, orgIdParamsSchema);
  const { userId: newOwnerId } = await parseBody(req, transferBodySchema, { maxBytes: 1024 });
  return respond(organizationSchema, await db((tx) => transferOwnership(tx, { userId, orgId: id, newOwnerId })));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
