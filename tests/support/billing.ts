import { POST as webhook } from '@/app/api/billing/webhook/route';
import type { Sql } from '@/lib/db/client';
import type { FakeStripe } from '@/tests/support/fake-stripe';
import { callRoute } from '@/tests/support/routes';
import type { TestUser } from '@/tests/support/users';

/** Delivers a Stripe event to the webhook route in-process, signed as Stripe signs it unless told otherwise. */
export function deliverEvent(
  fake: FakeStripe,
  event: object,
  options: { body?: string; signature?: string | null; timestamp?: number; secret?: string } = {},
) {
  const body = options.body ?? JSON.stringify(event);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = options.signature === undefined ? fake.sign(body, { timestamp: options.timestamp, secret: options.secret }) : options.signature;
  if (signature !== null) headers['stripe-signature'] = signature;
  return callRoute(webhook, '/billing/webhook', { method: 'POST', body, headers });
}

/** A Stripe customer for the user, stored on their profile as the app stores it before a first checkout. */
export async function linkCustomer(sql: Sql, fake: FakeStripe, user: TestUser): Promise<string> {
  const customer = fake.createCustomer({ email: user.email, metadata: { user_id: user.id } });
  await sql`select private.set_stripe_customer(${user.id}::uuid, ${customer.id as string})`;
  return customer.id;
}

export interface StoredBilling {
  tier: string;
  status: string;
  current_period_end: Date | null;
}

export async function profileBilling(sql: Sql, userId: string): Promise<StoredBilling> {
  const [row] = await sql<StoredBilling[]>`
    select subscription_tier as tier, subscription_status as status, current_period_end from public.user_profiles where user_id = ${userId}`;
  if (!row) throw new Error(`no profile for ${userId}`);
  return row;
}

export interface LedgerRow {
  type: string;
  attempts: number;
  deliveries: number;
  processed: boolean;
  last_error: string | null;
}

export async function ledgerRow(sql: Sql, eventId: string): Promise<LedgerRow | undefined> {
  const [row] = await sql<LedgerRow[]>`
    select type, attempts, deliveries, processed_at is not null as processed, last_error from public.stripe_events where id = ${eventId}`;
  return row;
}

/** A subscription row as stored, in the fake's terms, for comparing with what Stripe holds. */
export async function storedSubscription(sql: Sql, id: string) {
  const [row] = await sql<
    { status: string; price_id: string | null; tier: string; current_period_end: Date | null; cancel_at_period_end: boolean; cancel_at: Date | null; canceled_at: Date | null }[]
  >`select status, price_id, tier, current_period_end, cancel_at_period_end, cancel_at, canceled_at from public.subscriptions where id = ${id}`;
  return row;
}

const toDate = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000));

/** What the stored row must be for a subscription as the fake holds it. */
export function expectedRow(fake: FakeStripe, subscription: Record<string, any>) {
  const item = subscription.items.data[0];
  return {
    status: subscription.status,
    price_id: item.price.id,
    tier: item.price.id === fake.prices.enterprise ? 'enterprise' : item.price.id === fake.prices.pro ? 'pro' : 'free',
    current_period_end: toDate(item.current_period_end),
    cancel_at_period_end: subscription.cancel_at_period_end,
    cancel_at: toDate(subscription.cancel_at),
    canceled_at: toDate(subscription.canceled_at),
  };
}

/** Stripe GETs of one subscription the app made (each re-fetch before a write is one). */
export const subscriptionFetches = (fake: FakeStripe, id: string) =>
  fake.requests.filter((r) => r.method === 'GET' && r.path === `/v1/subscriptions/${id}` && r.outcome === 'answered').length;
