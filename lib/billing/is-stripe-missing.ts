import Stripe from 'stripe';

/** Stripe answered that the object does not exist (404 resource_missing), as opposed to failing. */
export function isStripeMissing(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && (error.statusCode === 404 || error.code === 'resource_missing');
}
