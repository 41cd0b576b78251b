import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { acceptInvitation } from '@/lib/organizations/accept-invitation';
import { acceptedInvitationSchema, invitationTokenParamsSchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Joins the organization as the invited address: 200; used, revoked or expired 410; another account's invitation 403. */
export const POST = withUser<{ token: string }>(async ({ params, db }) => {
  const { token } = parseParams(params, invitationTokenParamsSchema);
  return respond(acceptedInvitationSchema, await db((tx) => acceptInvitation(tx, { token })));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
