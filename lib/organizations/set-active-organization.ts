import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { ORGANIZATION_NOT_FOUND } from '@/lib/organizations/organization-row';

/** Makes an organization the caller belongs to (or, with null, their personal workspace) the one they work in. */
export async function setActiveOrganization(tx: Queryable, { orgId }: { orgId: string | null }): Promise<{ activeOrgId: string | null }> {
  const [result] = await tx<{ ok: boolean }[]>`select private.set_active_organization(${orgId}::uuid) as ok`;
  if (!result?.ok) throw new ApiError('not_found', ORGANIZATION_NOT_FOUND);
  return { activeOrgId: orgId };
}
