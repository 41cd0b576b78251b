import type { Queryable } from '@/lib/db/client';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import type { Member, OrgRole } from '@/lib/zod/schemas/organizations';

/** The organization's members (owners first), for any member; 404 for anyone else. */
export async function listMembers(tx: Queryable, { userId, orgId }: { userId: string; orgId: string }): Promise<Member[]> {
  await requireOrgRole(tx, { userId, orgId, roles: ['owner', 'admin', 'member'] });
  const rows = await tx<{ user_id: string; email: string; display_name: string | null; role: OrgRole; joined_at: Date }[]>`
    select user_id, email, display_name, role, joined_at from private.organization_member_list(${orgId})`;
  return rows.map((row) => ({ userId: row.user_id, email: row.email, displayName: row.display_name, role: row.role, joinedAt: row.joined_at.toISOString() }));
}
