import { ApiError } from '@/lib/api/errors';
import { billingConfig } from '@/lib/billing/billing-config';
import { stripeUnavailable } from '@/lib/billing/stripe-unavailable';
import { withServiceRole } from '@/lib/db/service-role';

/** Stripe's statuses after which a subscription never bills again. */
const ENDED = new Set(['canceled', 'incomplete_expired']);

/**
 * Before an account is deleted: every subscription of its Stripe customer that could still bill
 * is canceled at once (asked of Stripe itself, not of our copy, which may lag). If Stripe cannot
 * be reached the deletion must not go ahead, or someone would be billed for an account that no
 * longer exists: 503, nothing deleted. Without billing configured, or without a customer, there
 * is nothing to cancel.
 */
export async function cancelAccountSubscriptions(userId: string): Promise<number> {
  const billing = billingConfig();
  if (!billing) return 0;
  const [profile] = await withServiceRole((tx) => tx<{ stripe_customer_id: string | null }[]>`
    select stripe_customer_id from public.user_profiles where user_id = ${userId}`);
  const customer = profile?.stripe_customer_id;
  if (!customer) return 0;
  let canceled = 0;
  try {
    for await (const subscription of billing.stripe.subscriptions.list({ customer, status: 'all', limit: 100 })) {
      if (ENDED.has(subscription.status)) continue;
      await billing.stripe.subscriptions.cancel(subscription.id);
      canceled += 1;
    }
  } catch (error) {
    const failure = stripeUnavailable(error);
    if (failure instanceof ApiError) {
      throw new ApiError(
        'service_unavailable',
        'Your subscription could not be cancelled because Stripe did not answer, so nothing was deleted. Try again in a few minutes.',
        undefined,
        failure.headers,
      );
    }
    throw failure;
  }
  return canceled;
}
