import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { ORGANIZATION_NOT_FOUND, selectOrganizations } from '@/lib/organizations/organization-row';
import type { Organization, OrgRole } from '@/lib/zod/schemas/organizations';

const ROLE_NAMES: Record<OrgRole, string> = { owner: 'an owner', admin: 'an owner or an admin', member: 'a member' };

/**
 * The organization as the caller sees it, refused unless their role is one of `roles`: 404 for a
 * non-member (an organization they cannot see does not exist for them), 403 for a member whose
 * role is not enough. The policies refuse the same writes; this gives the reason first.
 */
export async function requireOrgRole(tx: Queryable, { userId, orgId, roles }: { userId: string; orgId: string; roles: readonly OrgRole[] }): Promise<Organization> {
  const [organization] = await selectOrganizations(tx, { userId, orgId });
  if (!organization) throw new ApiError('not_found', ORGANIZATION_NOT_FOUND);
  if (!roles.includes(organization.role)) {
    const needed = roles.includes('admin') ? ROLE_NAMES.admin : ROLE_NAMES[roles[0]!];
    throw new ApiError('forbidden', `Only ${needed} of ${organization.name} can do this; you are ${ROLE_NAMES[organization.role]}.`);
  }
  return organization;
}
