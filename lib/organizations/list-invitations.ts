import type { Queryable } from '@/lib/db/client';
import { INVITATION_SELECT, toInvitation, type InvitationRow } from '@/lib/organizations/invitation-row';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import type { Invitation } from '@/lib/zod/schemas/organizations';

/** The organization's invitations that are not yet accepted, newest first: owners and admins only. */
export async function listInvitations(tx: Queryable, { userId, orgId }: { userId: string; orgId: string }): Promise<Invitation[]> {
  await requireOrgRole(tx, { userId, orgId, roles: ['owner', 'admin'] });
  const rows = await tx.unsafe<InvitationRow[]>(
    `select ${INVITATION_SELECT} from public.invitations where org_id = $1 and accepted_at is null order by created_at desc, id limit 200`,
    [orgId],
  );
  return rows.map((row) => toInvitation(row));
}
