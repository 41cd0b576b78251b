import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { requireOrgRole } from '@/lib/organizations/require-org-role';

/** Deletes the organization (owners only) when `confirm` is its slug; members, invitations and shares go with it. */
export async function deleteOrganization(tx: Queryable, { userId, orgId, confirm }: { userId: string; orgId: string; confirm: string }): Promise<void> {
  const organization = await requireOrgRole(tx, { userId, orgId, roles: ['owner'] });
  if (confirm !== organization.slug) {
    const message = `Type the organization's slug, ${organization.slug}, to confirm.`;
    throw new ApiError('validation_failed', message, { fields: [{ field: 'confirm', message }] });
  }
  const deleted = await tx`delete from public.organizations where id = ${orgId} returning id`;
  if (deleted.length === 0) throw new ApiError('forbidden', 'Only an owner can delete the organization.');
}
