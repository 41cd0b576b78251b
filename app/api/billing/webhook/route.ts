import { otherMethods } from '@/lib/api/methods';
import { respond, withPublic } from '@/lib/api/handler';
import { handleStripeWebhook } from '@/lib/billing/handle-stripe-webhook';
import { webhookAckSchema } from '@/lib/zod/schemas/billing';

export const dynamic = 'force-dynamic';
export const maxDuration = 30;

/**
 * Stripe's webhook (the runbook's /billing/webhook is rewritten here). The signature is the
 * gate, so there is no rate limit: Stripe must never be turned away. no-transform keeps `next
 * start` from gzipping the few bytes of the acknowledgement (its compression skips small bodies
 * only when their length is known), which cost more than the answer is worth.
 */
export const POST = withPublic(
  async ({ req, log }) =>
    respond(webhookAckSchema, { received: true, outcome: await handleStripeWebhook(req, { log }) }, { headers: { 'cache-control': 'no-store, no-transform' } }),
  { rateLimit: false },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
