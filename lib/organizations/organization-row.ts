import type { Queryable } from '@/lib/db/client';
import type { Organization, OrgRole } from '@/lib/zod/schemas/organizations';

export const ORGANIZATION_NOT_FOUND = 'No organization of yours has this id.';

interface OrganizationRow {
  id: string;
  name: string;
  slug: string;
  role: OrgRole;
  member_count: number;
  created_at: Date;
}

/**
 * The caller's organizations (one when `orgId` is given), with their role in each. Reads through
 * the policies, so an organization the caller is not a member of is simply absent.
 */
export async function selectOrganizations(tx: Queryable, { userId, orgId, slug }: { userId: string; orgId?: string; slug?: string }): Promise<Organization[]> {
  const rows = await tx<OrganizationRow[]>`
    select o.id, o.name, o.slug, m.role, o.created_at,
      (select count(*)::int from public.organization_members c where c.org_id = o.id) as member_count
    from public.organizations o
    join public.organization_members m on m.org_id = o.id and m.user_id = ${userId}
    where ${orgId === undefined ? tx`true` : tx`o.id = ${orgId}`} and ${slug === undefined ? tx`true` : tx`o.slug = ${slug}`}
    order by lower(o.name), o.id
    limit 200`;
  return rows.map((row) => ({ id: row.id, name: row.name, slug: row.slug, role: row.role, memberCount: row.member_count, createdAt: row.created_at.toISOString() }));
}
