import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { listOrganizationRepositories } from '@/lib/organizations/list-organization-repositories';
import { shareRepository } from '@/lib/organizations/share-repository';
import { orgIdParamsSchema, orgRepositoryListSchema, orgRepositorySchema, shareRepositoryBodySchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The repositories shared with the organization: any member. */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, orgIdParamsSchema);
  return respond(orgRepositoryListSchema, { repositories: await db((tx) => listOrganizationRepositories(tx, { userId, orgId: id })) });
});

/** `{ repositoryId }`: an owner or admin shares a repository they connected with the organization. */
export const POST = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, orgIdParamsSchema);
  const { repositoryId } = await parseBody(req, shareRepositoryBodySchema, { maxBytes: 1024 });
  return respond(orgRepositorySchema, await db((tx) => shareRepository(tx, { userId, orgId: id, repositoryId })));
});

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
