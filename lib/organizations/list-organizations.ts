import type { Queryable } from '@/lib/db/client';
import { selectOrganizations } from '@/lib/organizations/organization-row';
import type { OrganizationList } from '@/lib/zod/schemas/organizations';

/** The caller's organizations and their active workspace (null: personal). */
export async function listOrganizations(tx: Queryable, { userId }: { userId: string }): Promise<OrganizationList> {
  const organizations = await selectOrganizations(tx, { userId });
  const [profile] = await tx<{ org_id: string | null }[]>`select org_id from public.user_profiles where user_id = ${userId}`;
  const active = profile?.org_id ?? null;
  return { organizations, activeOrgId: organizations.some((org) => org.id === active) ? active : null };
}
