import Stripe from 'stripe';
import { ApiError } from '@/lib/api/errors';
import { logger, type Logger } from '@/lib/observability/logger';

/**
 * A failed Stripe call, as the API answers it: 503 with Retry-After, and the details (type, code,
 * status, Stripe's request id; never the request itself) in the log. Anything that is not a Stripe
 * error is returned unchanged, so it stays the 500 it is.
 */
export function stripeUnavailable(error: unknown, log: Logger = logger): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  log.warn({ stripe: { type: error.type, code: error.code, statusCode: error.statusCode, requestId: error.requestId } }, 'stripe call failed');
  return new ApiError('service_unavailable', 'Stripe could not be reached just now. Try again in a minute.', undefined, { 'retry-after': '30' });
}
