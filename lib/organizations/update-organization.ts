import { ApiError } from '@/lib/api/errors';
import { isUniqueViolation } from '@/lib/api/database-errors';
import type { Queryable } from '@/lib/db/client';
import { SLUG_TAKEN } from '@/lib/organizations/create-organization';
import { selectOrganizations } from '@/lib/organizations/organization-row';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import type { Organization, UpdateOrganizationBody } from '@/lib/zod/schemas/organizations';

/** Renames the organization or changes its slug: owners and admins. 409 on a taken slug. */
export async function updateOrganization(tx: Queryable, { userId, orgId, body }: { userId: string; orgId: string; body: UpdateOrganizationBody }): Promise<Organization> {
  const current = await requireOrgRole(tx, { userId, orgId, roles: ['owner', 'admin'] });
  try {
    await tx`
      update public.organizations set name = ${body.name ?? current.name}, slug = ${body.slug ?? current.slug} where id = ${orgId}`;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError('conflict', SLUG_TAKEN, { fields: [{ field: 'slug', message: SLUG_TAKEN }] });
    throw error;
  }
  const [organization] = await selectOrganizations(tx, { userId, orgId });
  return organization!;
}
