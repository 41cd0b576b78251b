import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { INVITATION_NOT_FOUND, INVITATION_SELECT, toInvitation, type InvitationRow } from '@/lib/organizations/invitation-row';
import { newInvitationToken } from '@/lib/organizations/new-invitation-token';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import type { Invitation, Organization } from '@/lib/zod/schemas/organizations';

/**
 * A new token for an open (or expired) invitation, with seven days from now (the database sets
 * the expiry); the old link stops working. Owners and admins; 409 once it is accepted or revoked.
 */
export async function resendInvitation(
  tx: Queryable,
  { userId, orgId, invitationId }: { userId: string; orgId: string; invitationId: string },
): Promise<{ invitation: Invitation; token: string; organization: Organization }> {
  const organization = await requireOrgRole(tx, { userId, orgId, roles: ['owner', 'admin'] });
  const { token, hash } = newInvitationToken();
  const [row] = await tx.unsafe<InvitationRow[]>(
    `update public.invitations set token_hash = $3 where id = $1 and org_id = $2 and accepted_at is null and revoked_at is null returning ${INVITATION_SELECT}`,
    [invitationId, orgId, hash],
  );
  if (row) return { invitation: toInvitation(row), token, organization };
  const [existing] = await tx<{ id: string }[]>`select id from public.invitations where id = ${invitationId} and org_id = ${orgId}`;
  if (!existing) throw new ApiError('not_found', INVITATION_NOT_FOUND);
  throw new ApiError('conflict', 'This invitation was accepted or revoked: invite the address again instead.');
}
