import type { Sql } from '@/lib/db/client';
import type { SubscriptionTier } from '@/lib/zod/schemas/usage';

/**
 * npm run billing:set-tier: gives an account a plan with no Stripe involved (local use, a fresh
 * machine), through the one function that writes plans (private.set_billing_profile). A paid
 * tier is 'active' with no period end. Stripe stays the source of truth where it is configured:
 * the account's next subscription event recomputes the plan from its subscriptions.
 * Answers false when no account has that email.
 */
export async function setTierByEmail(sql: Sql, { email, tier }: { email: string; tier: SubscriptionTier }): Promise<boolean> {
  return sql.begin(async (tx) => {
    const [user] = await tx<{ id: string }[]>`select id from auth.users where lower(email) = lower(${email})`;
    if (!user) return false;
    await tx`select set_config('role', 'service_role', true)`;
    await tx`select private.set_billing_profile(${user.id}::uuid, ${tier}, ${tier === 'free' ? 'free' : 'active'}, null)`;
    return true;
  });
}
