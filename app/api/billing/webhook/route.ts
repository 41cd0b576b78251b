import { otherMethods } from '@/lib/api/methods';
import { respond, withPublic } from '@/lib/api/handler';
import { handleStripeWebhook } from '@/lib/billing/handle-stripe-webhook';
import { webhookAckSchema } from '@/lib/zod/schemas/billing';

export const dynamic = 'force-dynamic';
export const maxDuration = 30;

/**
 * Stripe's webhook (the runbook's /billing/webhook is rewritten here). The signature is the
 * gate, so there is no rate limit: Stripe must never be turned away.
 */
export const POST = withPublic(async ({ req, log }) => respond(webhookAckSchema, { received: true, outcome: await handleStripeWebhook(req, { log }) }), {
  rateLimit: false,
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
