import { otherMethods } from '@/lib/api/methods';
import { respond, withPublic } from '@/lib/api/handler';
import { drainAfterResponse } from '@/lib/events/drain-after-response';
import { handleCodeRepoWebhook } from '@/lib/events/handle-code-repo-webhook';
import { codeRepoAckSchema } from '@/lib/zod/schemas/events';

export const dynamic = 'force-dynamic';
// The drain after the answer: its budget (15 s) plus one job at the provider's deadline (60 s).
export const maxDuration = 90;

/**
 * GitHub's repository webhook (the runbook's /webhooks/code-repo is rewritten here). The signature
 * is the gate, so no rate limit. 202 for a repository nobody connected: accepted, not stored.
 */
export const POST = withPublic(
  async ({ req, log }) => {
    const result = await handleCodeRepoWebhook(req, { log });
    if (result.outcome === 'stored') drainAfterResponse(log);
    return respond(
      codeRepoAckSchema,
      { received: true, ...result },
      { status: result.outcome === 'unknown_repository' ? 202 : 200, headers: { 'cache-control': 'no-store, no-transform' } },
    );
  },
  { rateLimit: false },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
