import { otherMethods } from '@/lib/api/methods';
import { withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { disconnectRepository } from '@/lib/events/disconnect-repository';
import { idParamsSchema } from '@/lib/zod/schemas/events';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Disconnects the repository: later deliveries for it answer 202 and are not stored. */
export const DELETE = withUser<{ id: string }>(
  async ({ params, db, userId }) => {
    const { id } = parseParams(params, idParamsSchema);
    await db((tx) => disconnectRepository(tx, { userId, repositoryId: id }));
    return new Response(null, { status: 204 });
  },
  { rateLimit: 'writes' },
);

export const { GET, POST, PUT, PATCH } = otherMethods({ DELETE });
