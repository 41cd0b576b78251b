import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { giveFeedback } from '@/lib/runs/give-feedback';
import { feedbackBodySchema, runIdParamsSchema, runSchema } from '@/lib/zod/schemas/runs';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Approve, reject or revise a succeeded run, or change that verdict; answers the run with its feedback. */
export const POST = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, runIdParamsSchema);
  const body = await parseBody(req, feedbackBodySchema, { maxBytes: 16 * 1024 });
  return respond(runSchema, await db((tx) => giveFeedback(tx, { userId, runId: id, body })));
}, { scope: 'runs:write' });

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
