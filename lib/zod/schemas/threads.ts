import { z } from 'zod';
import { runSchema } from '@/lib/zod/schemas/runs';

/** Conversations: a thread is a titled sequence of runs; follow-ups carry the earlier turns. */

export const MAX_THREAD_TITLE_CHARS = 200;
export const MAX_THREADS_PAGE = 100;
/** Turns a thread page shows; a thread that grows past this shows its latest turns. */
export const MAX_THREAD_TURNS = 200;

export const threadSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  runCount: z.int(),
  /** A run of the thread is still queued or running (a thread cannot be deleted then). */
  running: z.boolean(),
});
export type Thread = z.infer<typeof threadSchema>;

/** GET /api/threads: most recently active first; `q` searches titles and tasks. */
export const listThreadsQuerySchema = z.strictObject({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(MAX_THREADS_PAGE, `must be at most ${MAX_THREADS_PAGE}`).default(30),
  cursor: z.uuid('must be the nextCursor of a previous page').optional(),
});
export type ListThreadsQuery = z.infer<typeof listThreadsQuerySchema>;

export const threadListSchema = z.object({ threads: z.array(threadSchema), nextCursor: z.uuid().nullable() });
export type ThreadList = z.infer<typeof threadListSchema>;

export const threadIdParamsSchema = z.object({ id: z.uuid() });

/** PATCH /api/threads/:id */
export const renameThreadBodySchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, 'give the conversation a name')
    .max(MAX_THREAD_TITLE_CHARS, `must be at most ${MAX_THREAD_TITLE_CHARS} characters`),
});

/** GET /api/threads/:id: the thread and its runs, oldest first, each with its output. */
export const threadDetailSchema = z.object({ thread: threadSchema, runs: z.array(runSchema) });
export type ThreadDetail = z.infer<typeof threadDetailSchema>;
