import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { lastOwnerError } from '@/lib/organizations/last-owner-error';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import { MEMBER_NOT_FOUND } from '@/lib/organizations/update-member-role';

/**
 * Removes a member, or the caller themselves (leaving). Owners remove anyone, admins remove
 * non-owners, members only leave; the last owner can do neither (409).
 */
export async function removeMember(tx: Queryable, { userId, orgId, memberId }: { userId: string; orgId: string; memberId: string }): Promise<void> {
  const organization = await requireOrgRole(tx, { userId, orgId, roles: memberId === userId ? ['owner', 'admin', 'member'] : ['owner', 'admin'] });
  const [target] = await tx<{ role: string }[]>`select role from public.organization_members where org_id = ${orgId} and user_id = ${memberId}`;
  if (!target) throw new ApiError('not_found', MEMBER_NOT_FOUND);
  if (memberId !== userId && target.role === 'owner' && organization.role !== 'owner') {
    throw new ApiError('forbidden', 'Only an owner can remove another owner.');
  }
  let deleted: readonly unknown[];
  try {
    deleted = await tx`delete from public.organization_members where org_id = ${orgId} and user_id = ${memberId} returning user_id`;
  } catch (error) {
    throw lastOwnerError(error);
  }
  if (deleted.length === 0) throw new ApiError('forbidden', 'You cannot remove this member.');
}
