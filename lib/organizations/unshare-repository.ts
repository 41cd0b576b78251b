import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { requireOrgRole } from '@/lib/organizations/require-org-role';

/** Stops sharing one of the caller's repositories with the organization (any member who shared it may); 404 otherwise. */
export async function unshareRepository(tx: Queryable, { userId, orgId, repositoryId }: { userId: string; orgId: string; repositoryId: string }): Promise<void> {
  await requireOrgRole(tx, { userId, orgId, roles: ['owner', 'admin', 'member'] });
  const updated = await tx`
    update public.connected_repositories set org_id = null where id = ${repositoryId} and user_id = ${userId} and org_id = ${orgId} returning id`;
  if (updated.length === 0) throw new ApiError('not_found', 'You have not shared a repository with this id with the organization.');
}
