import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { INVITATION_NOT_FOUND, INVITATION_SELECT, toInvitation, type InvitationRow } from '@/lib/organizations/invitation-row';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import type { Invitation } from '@/lib/zod/schemas/organizations';

/** Revokes an open invitation (owners and admins): its link answers 410 from now on. 409 when it is used or revoked already. */
export async function revokeInvitation(tx: Queryable, { userId, orgId, invitationId }: { userId: string; orgId: string; invitationId: string }): Promise<Invitation> {
  await requireOrgRole(tx, { userId, orgId, roles: ['owner', 'admin'] });
  const [row] = await tx.unsafe<InvitationRow[]>(
    `update public.invitations set revoked_at = now() where id = $1 and org_id = $2 and accepted_at is null and revoked_at is null returning ${INVITATION_SELECT}`,
    [invitationId, orgId],
  );
  if (row) return toInvitation(row);
  const [existing] = await tx<{ id: string }[]>`select id from public.invitations where id = ${invitationId} and org_id = ${orgId}`;
  if (!existing) throw new ApiError('not_found', INVITATION_NOT_FOUND);
  throw new ApiError('conflict', 'This invitation was accepted or revoked already.');
}
