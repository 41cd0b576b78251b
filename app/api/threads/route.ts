import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseQuery } from '@/lib/api/parse';
import { listThreads } from '@/lib/threads/list-threads';
import { listThreadsQuerySchema, threadListSchema } from '@/lib/zod/schemas/threads';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The caller's conversations, most recently active first; `q` searches titles and tasks. A run starts one (POST /api/runs). */
export const GET = withUser(async ({ req, db, userId }) => {
  const query = parseQuery(req, listThreadsQuerySchema);
  return respond(threadListSchema, await db((tx) => listThreads(tx, { userId, query })));
}, { scope: 'runs:read' });

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
