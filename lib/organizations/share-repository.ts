import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import type { OrgRepository } from '@/lib/zod/schemas/organizations';

export const REPOSITORY_NOT_FOUND = 'You have no connected repository with this id.';

/**
 * Shares one of the caller's connected repositories with an organization they own or administer:
 * its members then read its deliveries and the suggestions made from them. A repository is shared
 * with one organization at a time; sharing it again moves it.
 */
export async function shareRepository(tx: Queryable, { userId, orgId, repositoryId }: { userId: string; orgId: string; repositoryId: string }): Promise<OrgRepository> {
  await requireOrgRole(tx, { userId, orgId, roles: ['owner', 'admin'] });
  const [row] = await tx<{ id: string; full_name: string; created_at: Date }[]>`
    update public.connected_repositories set org_id = ${orgId} where id = ${repositoryId} and user_id = ${userId}
    returning id, full_name, created_at`;
  if (!row) throw new ApiError('not_found', REPOSITORY_NOT_FOUND);
  return { id: row.id, fullName: row.full_name, mine: true, createdAt: row.created_at.toISOString() };
}
