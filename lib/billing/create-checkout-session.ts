import type { UserContext } from '@/lib/api/handler';
import { ApiError } from '@/lib/api/errors';
import { ensureStripeCustomer } from '@/lib/billing/ensure-stripe-customer';
import { requireBilling } from '@/lib/billing/require-billing';
import { stripeUnavailable } from '@/lib/billing/stripe-unavailable';
import { serverEnv } from '@/lib/env';
import type { PaidTier } from '@/lib/zod/schemas/billing';

/**
 * A Stripe Checkout page (subscription mode) for the tier's price, for the user's own customer.
 * The user id travels as client_reference_id and in the metadata of the session and of the
 * subscription it creates, so every later object names its account. Someone already paying is
 * sent to the customer portal instead: a second subscription would bill them twice.
 */
export async function createCheckoutSession(
  db: UserContext<unknown>['db'],
  { userId, email, tier }: { userId: string; email: string | null; tier: PaidTier },
): Promise<string> {
  const billing = requireBilling();
  const [paying] = await db((tx) => tx<{ id: string }[]>`
    select id from public.subscriptions
    where user_id = ${userId} and status in ('trialing', 'active', 'past_due') and tier <> 'free'
    limit 1`);
  if (paying) {
    throw new ApiError('conflict', 'You already have a paid plan. Use Manage billing on the billing page to change or cancel it.');
  }
  const customer = await ensureStripeCustomer(db, billing, { userId, email });
  const site = serverEnv().siteUrl;
  try {
    const session = await billing.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: userId,
      line_items: [{ price: billing.prices[tier], quantity: 1 }],
      metadata: { user_id: userId, tier },
      subscription_data: { metadata: { user_id: userId } },
      // Stripe fills in {CHECKOUT_SESSION_ID}; the success page syncs that session at once.
      success_url: `${site}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${site}/pricing`,
    });
    if (!session.url) throw new Error(`Checkout Session ${session.id} has no url`);
    return session.url;
  } catch (error) {
    throw stripeUnavailable(error);
  }
}
