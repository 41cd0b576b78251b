import type Stripe from 'stripe';
import { ApiError } from '@/lib/api/errors';
import { applySubscription } from '@/lib/billing/apply-subscription';
import { getBillingState } from '@/lib/billing/get-billing-state';
import { isStripeMissing } from '@/lib/billing/is-stripe-missing';
import { lockSubscription } from '@/lib/billing/lock-subscription';
import { requireBilling } from '@/lib/billing/require-billing';
import { stripeUnavailable } from '@/lib/billing/stripe-unavailable';
import { withServiceRoleTransaction } from '@/lib/db/service-role';
import { checkoutSessionIdSchema, type BillingState } from '@/lib/zod/schemas/billing';

const NOT_FOUND = 'No such checkout session for this account.';

/**
 * Back from Checkout, the plan shows at once: the session is fetched from Stripe, must be the
 * caller's (client_reference_id, set when it was created), and the subscription it created is
 * fetched and applied exactly as the webhook would, under the same lock. The webhook arriving
 * later finds nothing new. Another account's session, or one that does not exist, is a 404.
 * `userId` must come from a verified session (the route's or the page's).
 */
export async function syncCheckoutSession(userId: string, sessionId: string): Promise<BillingState> {
  const billing = requireBilling();
  if (!checkoutSessionIdSchema.safeParse(sessionId).success) throw new ApiError('not_found', NOT_FOUND);
  let session: Stripe.Checkout.Session;
  try {
    session = await billing.stripe.checkout.sessions.retrieve(sessionId);
  } catch (error) {
    if (isStripeMissing(error)) throw new ApiError('not_found', NOT_FOUND);
    throw stripeUnavailable(error);
  }
  if (session.client_reference_id !== userId) throw new ApiError('not_found', NOT_FOUND);
  const subscriptionId = typeof session.subscription === 'string' ? session.subscription : (session.subscription?.id ?? null);

  return withServiceRoleTransaction(async (tx) => {
    // An open or expired session has no subscription yet: the current state is the answer.
    if (subscriptionId && session.status === 'complete') {
      await lockSubscription(tx, subscriptionId);
      let subscription: Stripe.Subscription;
      try {
        subscription = await billing.stripe.subscriptions.retrieve(subscriptionId);
      } catch (error) {
        throw stripeUnavailable(error);
      }
      await applySubscription(tx, subscription, billing.prices);
    }
    return getBillingState(tx, { userId });
  });
}
