import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { billingConfig } from '@/lib/billing/billing-config';
import { subscriptionOfEvent } from '@/lib/billing/subscription-of-event';
import { subscriptionProjection } from '@/lib/billing/subscription-projection';
import { parseBillingEnv, parseServerEnv } from '@/lib/env';

const stripe = {
  STRIPE_SECRET_KEY: 'sk_test_abc123',
  STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
  STRIPE_PRICE_PRO: 'price_pro',
  STRIPE_PRICE_ENTERPRISE: 'price_ent',
};
const server = { DATABASE_URL: 'postgres://localhost/db', SUPABASE_URL: 'https://x.supabase.co', SUPABASE_ANON_KEY: 'anon' };

describe('billing environment', () => {
  it('is all four settings or none', () => {
    expect(parseServerEnv({ ...server, ...stripe }).STRIPE_PRICE_PRO).toBe('price_pro');
    expect(parseServerEnv(server).STRIPE_SECRET_KEY).toBeUndefined();
    expect(() => parseServerEnv({ ...server, ...stripe, STRIPE_WEBHOOK_SECRET: '' })).toThrow(/billing needs .* together; missing STRIPE_WEBHOOK_SECRET/);
    expect(() => parseServerEnv({ ...server, STRIPE_SECRET_KEY: 'sk_test_abc123' })).toThrow(
      /missing STRIPE_WEBHOOK_SECRET, STRIPE_PRICE_PRO, STRIPE_PRICE_ENTERPRISE/,
    );
  });

  it('refuses values of the wrong shape', () => {
    expect(() => parseServerEnv({ ...server, ...stripe, STRIPE_SECRET_KEY: 'pk_test_publishable' })).toThrow(/STRIPE_SECRET_KEY: must look like sk_test_/);
    expect(() => parseServerEnv({ ...server, ...stripe, STRIPE_PRICE_PRO: 'prod_123' })).toThrow(/STRIPE_PRICE_PRO: must look like price_/);
    expect(() => parseServerEnv({ ...server, ...stripe, STRIPE_WEBHOOK_SECRET: 'secret' })).toThrow(/STRIPE_WEBHOOK_SECRET: must look like whsec_/);
  });

  it('points at another Stripe server only outside production and never with a live key', () => {
    const local = { ...server, ...stripe, STRIPE_API_URL: 'http://127.0.0.1:12111' };
    expect(parseServerEnv(local).STRIPE_API_URL).toBe('http://127.0.0.1:12111');
    expect(() => parseServerEnv({ ...local, VERCEL_ENV: 'production' })).toThrow(/STRIPE_API_URL is for tests and local runs/);
    expect(() => parseServerEnv({ ...local, STRIPE_SECRET_KEY: 'sk_live_abc123' })).toThrow(/STRIPE_API_URL/);
  });

  it('keeps live keys for the production deployment', () => {
    const live = { ...server, ...stripe, STRIPE_SECRET_KEY: 'sk_live_abc123' };
    expect(parseServerEnv({ ...live, VERCEL_ENV: 'production' }).STRIPE_SECRET_KEY).toBe('sk_live_abc123');
    expect(() => parseServerEnv({ ...live, VERCEL_ENV: 'preview' })).toThrow(/previews use test-mode keys/);
    expect(parseServerEnv({ ...server, ...stripe, VERCEL_ENV: 'preview' }).STRIPE_SECRET_KEY).toBe('sk_test_abc123');
  });

  it('parses alone for scripts, with the same rules', () => {
    expect(parseBillingEnv(stripe)).toMatchObject(stripe);
    expect(() => parseBillingEnv({ STRIPE_SECRET_KEY: 'sk_test_abc123' })).toThrow(/together/);
  });
});

describe('billingConfig', () => {
  it('is null without billing, and one client per configuration', () => {
    expect(billingConfig(parseBillingEnv({}))).toBeNull();
    const first = billingConfig(parseBillingEnv(stripe));
    expect(first?.prices).toEqual({ pro: 'price_pro', enterprise: 'price_ent' });
    expect(first?.webhookSecret).toBe('whsec_abc123');
    expect(billingConfig(parseBillingEnv(stripe))).toBe(first);
    expect(billingConfig(parseBillingEnv({ ...stripe, STRIPE_PRICE_PRO: 'price_other' }))).not.toBe(first);
  });
});

const prices = { pro: 'price_pro', enterprise: 'price_ent' };
const item = (price: string, periodEnd: number) => ({ price: { id: price }, current_period_end: periodEnd }) as unknown as Stripe.SubscriptionItem;
const subscription = (items: Stripe.SubscriptionItem[], extra: Partial<Stripe.Subscription> = {}) =>
  ({
    id: 'sub_1',
    customer: 'cus_1',
    status: 'active',
    items: { data: items },
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    ...extra,
  }) as unknown as Stripe.Subscription;

describe('subscriptionProjection', () => {
  it('takes the tier from the price and the period end from the item', () => {
    expect(subscriptionProjection(subscription([item('price_ent', 1_900_000_000)]), prices)).toEqual({
      id: 'sub_1',
      customerId: 'cus_1',
      status: 'active',
      priceId: 'price_ent',
      tier: 'enterprise',
      currentPeriodEnd: new Date(1_900_000_000_000),
      cancelAtPeriodEnd: false,
      cancelAt: null,
      canceledAt: null,
    });
  });

  it('a price this server does not sell grants nothing; of several items the one granting most is read', () => {
    expect(subscriptionProjection(subscription([item('price_legacy', 1)]), prices)).toMatchObject({ tier: 'free', priceId: 'price_legacy' });
    expect(subscriptionProjection(subscription([item('price_legacy', 1), item('price_pro', 2), item('price_ent', 3)]), prices)).toMatchObject({
      tier: 'enterprise',
      priceId: 'price_ent',
      currentPeriodEnd: new Date(3000),
    });
    expect(subscriptionProjection(subscription([]), prices)).toMatchObject({ tier: 'free', priceId: null, currentPeriodEnd: null });
  });

  it('reads an expanded customer and the cancellation dates', () => {
    const s = subscription([item('price_pro', 10)], { customer: { id: 'cus_2' } as Stripe.Customer, cancel_at_period_end: true, cancel_at: 10, canceled_at: 5 });
    expect(subscriptionProjection(s, prices)).toMatchObject({ customerId: 'cus_2', cancelAtPeriodEnd: true, cancelAt: new Date(10_000), canceledAt: new Date(5000) });
  });
});

describe('subscriptionOfEvent', () => {
  const event = (type: string, object: Record<string, unknown>) => ({ type, data: { object } });
  it.each([
    ['customer.subscription.created', { id: 'sub_a' }, 'sub_a'],
    ['customer.subscription.updated', { id: 'sub_a' }, 'sub_a'],
    ['customer.subscription.deleted', { id: 'sub_a' }, 'sub_a'],
    ['checkout.session.completed', { id: 'cs_1', mode: 'subscription', subscription: 'sub_a' }, 'sub_a'],
    ['checkout.session.completed', { id: 'cs_1', mode: 'subscription', subscription: { id: 'sub_a' } }, 'sub_a'],
    ['checkout.session.completed', { id: 'cs_1', mode: 'payment', subscription: null }, null],
    ['invoice.paid', { id: 'in_1', parent: { subscription_details: { subscription: 'sub_a' } } }, 'sub_a'],
    ['invoice.payment_failed', { id: 'in_1', subscription: 'sub_a' }, 'sub_a'],
    ['invoice.paid', { id: 'in_1', parent: null }, null],
    ['customer.subscription.updated', { id: 'not-a-subscription' }, null],
    ['customer.subscription.trial_will_end', { id: 'sub_a' }, null],
    ['invoice.finalized', { id: 'in_1', subscription: 'sub_a' }, null],
  ] as const)('%s %j → %s', (type, object, expected) => {
    expect(subscriptionOfEvent(event(type, object))).toBe(expected);
  });
});
