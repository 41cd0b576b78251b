import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { previewInvitation } from '@/lib/organizations/preview-invitation';
import { invitationPreviewSchema, invitationTokenParamsSchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** What an invitation link invites to (organization, address, role, state), for the accept page; 404 for an unknown link. */
export const GET = withUser<{ token: string }>(async ({ params, db }) => {
  const { token } = parseParams(params, invitationTokenParamsSchema);
  return respond(invitationPreviewSchema, await db((tx) => previewInvitation(tx, { token })));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
