import type { Queryable } from '@/lib/db/client';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import type { OrgRepository } from '@/lib/zod/schemas/organizations';

/** The repositories shared with the organization, for any member; 404 for anyone else. */
export async function listOrganizationRepositories(tx: Queryable, { userId, orgId }: { userId: string; orgId: string }): Promise<OrgRepository[]> {
  await requireOrgRole(tx, { userId, orgId, roles: ['owner', 'admin', 'member'] });
  const rows = await tx<{ id: string; full_name: string; user_id: string; created_at: Date }[]>`
    select id, full_name, user_id, created_at from public.connected_repositories where org_id = ${orgId} order by lower(full_name), id limit 200`;
  return rows.map((row) => ({ id: row.id, fullName: row.full_name, mine: row.user_id === userId, createdAt: row.created_at.toISOString() }));
}
