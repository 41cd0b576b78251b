import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseQuery } from '@/lib/api/parse';
import { serverEnv } from '@/lib/env';
import { createRun } from '@/lib/runs/create-run';
import { listRuns } from '@/lib/runs/list-runs';
import { streamRun } from '@/lib/runs/stream-run';
import { createRunBodySchema, listRunsQuerySchema, runListSchema } from '@/lib/zod/schemas/runs';

export const dynamic = 'force-dynamic';
// The model's deadline (OPENAI_TIMEOUT_MS, 60 s by default) plus draining and storing the run.
export const maxDuration = 90;

/**
 * Starts a run and streams it as NDJSON (lib/runs/stream-run.ts). Validation, an unknown model
 * and a used-up limit (429) are refused before anything streams, as ordinary JSON errors.
 */
export const POST = withUser(async ({ req, db, userId, log }) => {
  const body = await parseBody(req, createRunBodySchema, { maxBytes: 64 * 1024 });
  const run = await db((tx, _commitWith, commitInline) => createRun(tx, { userId, body, env: serverEnv(), commitInline, startEarly: true }));
  return streamRun({ db, run, signal: req.signal, log: log.child({ runId: run.id }) });
}, { rateLimit: 'runs', scope: 'runs:write' });

/** The caller's run history, newest first, with filters and cursor pagination. */
export const GET = withUser(async ({ req, db, userId }) => {
  const query = parseQuery(req, listRunsQuerySchema);
  return respond(runListSchema, await db((tx) => listRuns(tx, { userId, query })));
}, { scope: 'runs:read' });

export const { PUT, PATCH, DELETE } = otherMethods({ POST, GET });
