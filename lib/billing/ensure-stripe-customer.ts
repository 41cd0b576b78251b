import type { UserContext } from '@/lib/api/handler';
import type { BillingConfig } from '@/lib/billing/billing-config';
import { stripeUnavailable } from '@/lib/billing/stripe-unavailable';
import { asServer } from '@/lib/db/service-role';

/**
 * The user's one Stripe customer, created before their first checkout and stored on the profile.
 * The idempotency key is derived from the user, so two first checkouts at once (two tabs), or a
 * retry after a lost answer, get the same customer back from Stripe instead of a second one; the
 * profile keeps the first id stored (private.set_stripe_customer). No transaction stays open
 * while Stripe answers.
 */
export async function ensureStripeCustomer(
  db: UserContext<unknown>['db'],
  billing: BillingConfig,
  { userId, email }: { userId: string; email: string | null },
): Promise<string> {
  const [profile] = await db((tx) => tx<{ stripe_customer_id: string | null }[]>`
    select stripe_customer_id from public.user_profiles where user_id = ${userId}`);
  if (profile?.stripe_customer_id) return profile.stripe_customer_id;
  let customerId: string;
  try {
    const customer = await billing.stripe.customers.create(
      { ...(email ? { email } : {}), metadata: { user_id: userId } },
      { idempotencyKey: `venture-companion-customer-${userId}` },
    );
    customerId = customer.id;
  } catch (error) {
    throw stripeUnavailable(error);
  }
  const [stored] = await db((tx) => asServer(tx, (server) => server<{ id: string | null }[]>`select private.set_stripe_customer(${userId}, ${customerId}) as id`));
  if (!stored?.id) throw new Error(`no profile to store Stripe customer ${customerId} on`);
  return stored.id;
}
