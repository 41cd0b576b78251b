import { otherMethods } from '@/lib/api/methods';
import { withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { unshareRepository } from '@/lib/organizations/unshare-repository';
import { repositoryParamsSchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Stops sharing a repository the caller shared with the organization: 204. */
export const DELETE = withUser<{ id: string; repoId: string }>(async ({ params, db, userId }) => {
  const { id, repoId } = parseParams(params, repositoryParamsSchema);
  await db((tx) => unshareRepository(tx, { userId, orgId: id, repositoryId: repoId }));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = otherMethods({ DELETE });
