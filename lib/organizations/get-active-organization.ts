import type { Queryable } from '@/lib/db/client';
import { listOrganizations } from '@/lib/organizations/list-organizations';
import type { Organization } from '@/lib/zod/schemas/organizations';

/** The organization the caller works in (with their role), or null in the personal workspace. */
export async function getActiveOrganization(tx: Queryable, { userId }: { userId: string }): Promise<Organization | null> {
  const { organizations, activeOrgId } = await listOrganizations(tx, { userId });
  return organizations.find((org) => org.id === activeOrgId) ?? null;
}
