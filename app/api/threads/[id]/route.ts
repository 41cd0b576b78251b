import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { deleteThread } from '@/lib/threads/delete-thread';
import { getThread } from '@/lib/threads/get-thread';
import { renameThread } from '@/lib/threads/rename-thread';
import { renameThreadBodySchema, threadDetailSchema, threadIdParamsSchema, threadSchema } from '@/lib/zod/schemas/threads';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The conversation and its runs, oldest first, each with its answer or the answer so far. */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, threadIdParamsSchema);
  return respond(threadDetailSchema, await db((tx) => getThread(tx, { userId, threadId: id })));
}, { scope: 'runs:read' });

export const PATCH = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, threadIdParamsSchema);
  const { title } = await parseBody(req, renameThreadBodySchema, { maxBytes: 4 * 1024 });
  return respond(threadSchema, await db((tx) => renameThread(tx, { userId, threadId: id, title })));
});

/** Deletes the conversation and its runs; 409 while one of them is still being answered. */
export const DELETE = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, threadIdParamsSchema);
  await db((tx) => deleteThread(tx, { userId, threadId: id }));
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = otherMethods({ GET, PATCH, DELETE });
