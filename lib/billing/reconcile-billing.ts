import type Stripe from 'stripe';
import { applySubscription } from '@/lib/billing/apply-subscription';
import type { BillingConfig } from '@/lib/billing/billing-config';
import { isStripeMissing } from '@/lib/billing/is-stripe-missing';
import { lockSubscription } from '@/lib/billing/lock-subscription';
import type { Queryable, Sql } from '@/lib/db/client';
import { withServiceRoleTransaction } from '@/lib/db/service-role';

export interface ReconcileReport {
  customers: number;
  subscriptions: number;
  /** One line per subscription or account whose stored state changed, saying what changed. */
  changes: string[];
  /** Customers Stripe does not know (deleted there): nothing of theirs was changed. */
  missing: string[];
}

interface Snapshot {
  subscription: Record<string, unknown> | null;
  profile: Record<string, unknown>;
}

const shown = (value: unknown) => (value === null || value === undefined ? '—' : value instanceof Date ? value.toISOString() : String(value));

async function snapshot(tx: Queryable, subscriptionId: string, userId: string): Promise<Snapshot> {
  const [subscription] = await tx<Record<string, unknown>[]>`
    select status, price_id, tier, current_period_end, cancel_at_period_end, cancel_at, canceled_at
    from public.subscriptions where id = ${subscriptionId}`;
  const [profile] = await tx<Record<string, unknown>[]>`
    select subscription_tier, subscription_status, current_period_end from public.user_profiles where user_id = ${userId}`;
  return { subscription: subscription ?? null, profile: profile ?? {} };
}

function differences(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!after) return [];
  if (!before) return ['new'];
  return Object.keys(after)
    .filter((key) => shown(before[key]) !== shown(after[key]))
    .map((key) => `${key} ${shown(before[key])} → ${shown(after[key])}`);
}

/**
 * npm run billing:reconcile: for every account with a Stripe customer, every subscription Stripe
 * has for it (canceled ones included) is fetched and applied, each in its own transaction as the
 * service role and under the same lock as the webhook, so a webhook arriving meanwhile is never
 * overwritten with older state. Only real differences are written, so a second run changes nothing.
 * `sql` is a maintenance connection (the database owner); a Stripe outage stops the run.
 */
export async function reconcileBilling(sql: Sql, billing: BillingConfig): Promise<ReconcileReport> {
  const report: ReconcileReport = { customers: 0, subscriptions: 0, changes: [], missing: [] };
  const accounts = await sql<{ user_id: string; email: string | null; customer_id: string }[]>`
    select p.user_id, u.email, p.stripe_customer_id as customer_id
    from public.user_profiles p join auth.users u on u.id = p.user_id
    where p.stripe_customer_id is not null
    order by p.created_at, p.user_id`;
  for (const account of accounts) {
    report.customers += 1;
    const ids: string[] = [];
    try {
      for await (const subscription of billing.stripe.subscriptions.list({ customer: account.customer_id, status: 'all', limit: 100 })) ids.push(subscription.id);
    } catch (error) {
      if (!isStripeMissing(error)) throw error;
      report.missing.push(`${account.email ?? account.user_id}: customer ${account.customer_id} does not exist at Stripe`);
      continue;
    }
    for (const id of ids) {
      report.subscriptions += 1;
      const lines = await withServiceRoleTransaction(async (tx) => {
        await lockSubscription(tx, id);
        const before = await snapshot(tx, id, account.user_id);
        const subscription: Stripe.Subscription = await billing.stripe.subscriptions.retrieve(id);
        const { changed } = await applySubscription(tx, subscription, billing.prices);
        if (!changed) return [];
        const after = await snapshot(tx, id, account.user_id);
        return [
          ...differences(before.subscription, after.subscription).map((change) => `subscription ${id}: ${change}`),
          ...differences(before.profile, after.profile).map((change) => `plan: ${change}`),
        ];
      }, sql);
      for (const line of lines) report.changes.push(`${account.email ?? account.user_id}: ${line}`);
    }
  }
  return report;
}
