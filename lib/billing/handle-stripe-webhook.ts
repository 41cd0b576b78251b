import Stripe from 'stripe';
import { ApiError } from '@/lib/api/errors';
import { readBodyBytes } from '@/lib/api/parse';
import { billingConfig } from '@/lib/billing/billing-config';
import { processStripeEvent } from '@/lib/billing/process-stripe-event';
import { BILLING_NOT_CONFIGURED } from '@/lib/billing/require-billing';
import type { Logger } from '@/lib/observability/logger';
import { stripeEventSchema, type WebhookOutcome } from '@/lib/zod/schemas/billing';

/** Stripe's events are far smaller; anything bigger is not one of them. */
export const MAX_WEBHOOK_BODY_BYTES = 512 * 1024;

/**
 * POST /billing/webhook. The raw body is verified against the Stripe-Signature header with the
 * endpoint's secret and Stripe's default tolerance (300 s, so a captured delivery cannot be
 * replayed later); until it is, nothing is stored. A verified event is processed at once
 * (processStripeEvent): any 2xx tells Stripe it arrived, including for types we do not handle —
 * a 4xx would have Stripe retry those for three days.
 */
export async function handleStripeWebhook(req: Request, { log }: { log: Logger }): Promise<WebhookOutcome> {
  const billing = billingConfig();
  if (!billing) throw new ApiError('service_unavailable', BILLING_NOT_CONFIGURED);
  const signature = req.headers.get('stripe-signature');
  if (!signature) throw new ApiError('bad_request', 'The Stripe-Signature header is missing: only Stripe can deliver events here.');
  const body = await readBodyBytes(req, MAX_WEBHOOK_BODY_BYTES, () => new ApiError('payload_too_large', `A Stripe event is at most ${MAX_WEBHOOK_BODY_BYTES} bytes.`));
  let verified: unknown;
  try {
    verified = billing.stripe.webhooks.constructEvent(body, signature, billing.webhookSecret);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) {
      throw new ApiError('bad_request', 'The body is not a Stripe event.');
    }
    throw new ApiError('bad_request', 'The Stripe-Signature does not match this body and the endpoint secret, or it is more than 5 minutes old.');
  }
  const event = stripeEventSchema.safeParse(verified);
  if (!event.success) throw new ApiError('bad_request', 'The body is not a Stripe event.');
  const outcome = await processStripeEvent(billing, event.data, log);
  log.info({ eventId: event.data.id, type: event.data.type, outcome }, 'stripe event');
  return outcome;
}
