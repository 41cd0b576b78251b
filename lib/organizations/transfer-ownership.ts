import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { selectOrganizations } from '@/lib/organizations/organization-row';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import { MEMBER_NOT_FOUND } from '@/lib/organizations/update-member-role';
import type { Organization } from '@/lib/zod/schemas/organizations';

/** Hands the organization to another member (owners only): they become its owner, the caller an admin. */
export async function transferOwnership(tx: Queryable, { userId, orgId, newOwnerId }: { userId: string; orgId: string; newOwnerId: string }): Promise<Organization> {
  await requireOrgRole(tx, { userId, orgId, roles: ['owner'] });
  if (newOwnerId === userId) throw new ApiError('bad_request', 'You already own this organization: choose another member.');
  const [result] = await tx<{ outcome: string }[]>`select private.transfer_organization(${orgId}, ${newOwnerId}) as outcome`;
  if (result?.outcome === 'not_member') throw new ApiError('not_found', MEMBER_NOT_FOUND);
  if (result?.outcome !== 'ok') throw new ApiError('forbidden', 'Only an owner can transfer the organization.');
  const [organization] = await selectOrganizations(tx, { userId, orgId });
  return organization!;
}
