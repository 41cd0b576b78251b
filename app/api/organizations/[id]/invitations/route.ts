import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { createInvitation } from '@/lib/organizations/create-invitation';
import { deliverInvitation } from '@/lib/organizations/deliver-invitation';
import { inviterName } from '@/lib/organizations/inviter-name';
import { listInvitations } from '@/lib/organizations/list-invitations';
import { createInvitationBodySchema, invitationListSchema, issuedInvitationSchema, orgIdParamsSchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 15;

/** The invitations not yet accepted (open, expired, revoked): owners and admins. */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, orgIdParamsSchema);
  return respond(invitationListSchema, { invitations: await db((tx) => listInvitations(tx, { userId, orgId: id })) });
});

/**
 * `{ email, role? }`: invites an address (owners and admins). 201 with the invitation; it is
 * emailed when SMTP is configured, otherwise the answer carries its link, this once.
 */
export const POST = withUser<{ id: string }>(async ({ req, params, db, userId, log }) => {
  const { id } = parseParams(params, orgIdParamsSchema);
  const body = await parseBody(req, createInvitationBodySchema, { maxBytes: 2 * 1024 });
  const { invitation, token, organization, inviter } = await db(async (tx) => ({ ...(await createInvitation(tx, { userId, orgId: id, body })), inviter: await inviterName(tx, { userId }) }));
  const delivery = await deliverInvitation(log, { token, email: invitation.email, organization, inviterName: inviter, expiresAt: new Date(invitation.expiresAt) });
  return respond(issuedInvitationSchema, { invitation, ...delivery }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
