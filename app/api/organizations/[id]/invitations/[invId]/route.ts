import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { revokeInvitation } from '@/lib/organizations/revoke-invitation';
import { invitationParamsSchema, invitationSchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Revokes an open invitation (owners and admins): its link answers 410 from now on. */
export const DELETE = withUser<{ id: string; invId: string }>(async ({ params, db, userId }) => {
  const { id, invId } = parseParams(params, invitationParamsSchema);
  return respond(invitationSchema, await db((tx) => revokeInvitation(tx, { userId, orgId: id, invitationId: invId })));
});

export const { GET, POST, PUT, PATCH } = otherMethods({ DELETE });
