import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { decideSuggestion } from '@/lib/runs/decide-suggestion';
import { suggestionDecisionBodySchema, suggestionDecisionSchema } from '@/lib/zod/schemas/events';
import { runIdParamsSchema } from '@/lib/zod/schemas/runs';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Act on, dismiss, or put back one of the caller's suggestions (a run made from a repository event). */
export const POST = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, runIdParamsSchema);
  const body = await parseBody(req, suggestionDecisionBodySchema, { maxBytes: 4 * 1024 });
  return respond(suggestionDecisionSchema, await db((tx) => decideSuggestion(tx, { userId, runId: id, body })));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
