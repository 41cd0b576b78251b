import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { connectRepository } from '@/lib/events/connect-repository';
import { listRepositories } from '@/lib/events/list-repositories';
import { connectRepositoryBodySchema, repositoryListSchema, repositorySchema } from '@/lib/zod/schemas/events';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The caller's connected repositories, each with its last delivery and its state. */
export const GET = withUser(async ({ db, userId }) => respond(repositoryListSchema, { repositories: await db((tx) => listRepositories(tx, { userId })) }));

/** Connects owner/name: its webhook deliveries become the caller's events. */
export const POST = withUser(
  async ({ req, db, userId }) => {
    const { fullName } = await parseBody(req, connectRepositoryBodySchema, { maxBytes: 4 * 1024 });
    return respond(repositorySchema, await db((tx) => connectRepository(tx, { userId, fullName })), { status: 201 });
  },
  { rateLimit: 'writes' },
);

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
