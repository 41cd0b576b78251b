import type { UserContext } from '@/lib/api/handler';
import { ApiError } from '@/lib/api/errors';
import { requireBilling } from '@/lib/billing/require-billing';
import { stripeUnavailable } from '@/lib/billing/stripe-unavailable';
import { serverEnv } from '@/lib/env';

/** A Stripe customer portal page (plan change, card, cancel) that returns to /billing. */
export async function createPortalSession(db: UserContext<unknown>['db'], { userId }: { userId: string }): Promise<string> {
  const billing = requireBilling();
  const [profile] = await db((tx) => tx<{ stripe_customer_id: string | null }[]>`
    select stripe_customer_id from public.user_profiles where user_id = ${userId}`);
  if (!profile?.stripe_customer_id) {
    throw new ApiError('conflict', 'There is no billing account to manage yet: choose a plan on the pricing page first.');
  }
  try {
    const session = await billing.stripe.billingPortal.sessions.create({
      customer: profile.stripe_customer_id,
      return_url: `${serverEnv().siteUrl}/billing`,
    });
    return session.url;
  } catch (error) {
    throw stripeUnavailable(error);
  }
}
