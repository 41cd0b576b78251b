import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { lastOwnerError } from '@/lib/organizations/last-owner-error';
import { listMembers } from '@/lib/organizations/list-members';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import type { Member, OrgRole } from '@/lib/zod/schemas/organizations';

export const MEMBER_NOT_FOUND = 'This person is not a member of the organization.';

/** Changes a member's role: owners only; the last owner cannot be demoted (409). */
export async function updateMemberRole(tx: Queryable, { userId, orgId, memberId, role }: { userId: string; orgId: string; memberId: string; role: OrgRole }): Promise<Member> {
  await requireOrgRole(tx, { userId, orgId, roles: ['owner'] });
  let updated: readonly unknown[];
  try {
    updated = await tx`update public.organization_members set role = ${role} where org_id = ${orgId} and user_id = ${memberId} returning user_id`;
  } catch (error) {
    throw lastOwnerError(error);
  }
  if (updated.length === 0) throw new ApiError('not_found', MEMBER_NOT_FOUND);
  const member = (await listMembers(tx, { userId, orgId })).find((item) => item.userId === memberId);
  return member!;
}
