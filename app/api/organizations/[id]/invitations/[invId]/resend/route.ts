import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { deliverInvitation } from '@/lib/organizations/deliver-invitation';
import { inviterName } from '@/lib/organizations/inviter-name';
import { resendInvitation } from '@/lib/organizations/resend-invitation';
import { invitationParamsSchema, issuedInvitationSchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 15;

/** A new link for an open or expired invitation, valid seven days; the old link stops working. Owners and admins. */
export const POST = withUser<{ id: string; invId: string }>(async ({ params, db, userId, log }) => {
  const { id, invId } = parseParams(params, invitationParamsSchema);
  const { invitation, token, organization, inviter } = await db(async (tx) => ({
    ...(await resendInvitation(tx, { userId, orgId: id, invitationId: invId })),
    inviter: await inviterName(tx, { userId }),
  }));
  const delivery = await deliverInvitation(log, { token, email: invitation.email, organization, inviterName: inviter, expiresAt: new Date(invitation.expiresAt) });
  return respond(issuedInvitationSchema, { invitation, ...delivery });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
