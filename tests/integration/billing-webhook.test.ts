import { describe, expect, it } from 'vitest';
import { GET as webhookGet } from '@/app/api/billing/webhook/route';
import { MAX_WEBHOOK_BODY_BYTES } from '@/lib/billing/handle-stripe-webhook';
import { ownerSql } from '@/tests/support/database';
import { deliverEvent, expectedRow, ledgerRow, linkCustomer, profileBilling, storedSubscription, subscriptionFetches } from '@/tests/support/billing';
import { setEnv } from '@/tests/support/fake-openai';
import { fakeStripeForThisFile, NO_STRIPE_ENV } from '@/tests/support/fake-stripe';
import { callRoute } from '@/tests/support/routes';
import { createUser, type TestUser } from '@/tests/support/users';

/**
 * POST /billing/webhook: real signatures (the SDK's generateTestHeaderString), the real SDK
 * fetching from the fake Stripe server, the real database.
 */

const sql = ownerSql();
const fake = await fakeStripeForThisFile();

const envelope = (code: string) => ({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });
const storedEvents = async (id: string) => (await sql`select 1 from public.stripe_events where id = ${id}`).length;

interface Customer {
  user: TestUser;
  customerId: string;
}

async function customer(prefix = 'billing'): Promise<Customer> {
  const user = await createUser(prefix);
  return { user, customerId: await linkCustomer(sql, fake, user) };
}

/** A subscription at the fake and its creation event (not delivered yet). */
function subscribe({ customerId }: Customer, options: { price?: string; status?: string } = {}) {
  const subscription = fake.createSubscription(customerId, options);
  const event = fake.events.findLast((e) => e.type === 'customer.subscription.created' && e.data.object.id === subscription.id)!;
  return { subscription, event };
}

const lastEvent = (type: string) => fake.events.findLast((e) => e.type === type)!;

describe('signature', () => {
  it.each([
    { name: 'no Stripe-Signature header', options: { signature: null }, message: /Stripe-Signature header is missing/ },
    { name: 'a signature made with another secret', options: { secret: 'whsec_someoneelse0123456789' }, message: /does not match/ },
    { name: 'a signature older than 300 s', options: { timestamp: Math.floor(Date.now() / 1000) - 301 }, message: /more than 5 minutes old/ },
    { name: 'a signature that is not one', options: { signature: 't=1,v1=nothex' }, message: /does not match/ },
  ])('$name → 400, nothing stored', async ({ options, message }) => {
    const c = await customer('sig');
    const { event } = subscribe(c);
    const res = await deliverEvent(fake, event, options);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(envelope('bad_request'));
    expect(res.json.error.message).toMatch(message);
    expect(await storedEvents(event.id)).toBe(0);
    expect(await sql`select 1 from public.subscriptions where customer_id = ${c.customerId}`).toHaveLength(0);
  });

  it('a body changed after signing → 400, nothing stored', async () => {
    const c = await customer('tamper');
    const { event } = subscribe(c, { price: fake.prices.pro });
    const signed = JSON.stringify(event);
    const tampered = signed.replace(fake.prices.pro, fake.prices.enterprise);
    expect(tampered).not.toBe(signed);
    const res = await deliverEvent(fake, event, { body: tampered, signature: fake.sign(signed) });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/does not match/);
    expect(await storedEvents(event.id)).toBe(0);
  });

  it('a signature 290 s old is within the tolerance', async () => {
    const { event } = subscribe(await customer('fresh'));
    const res = await deliverEvent(fake, event, { timestamp: Math.floor(Date.now() / 1000) - 290 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: true, outcome: 'processed' });
    // Not worth gzipping (next start would, for a body of unknown length).
    expect(res.headers.get('cache-control')).toBe('no-store, no-transform');
  });

  it('signed bytes that are not a Stripe event → 400, nothing stored', async () => {
    for (const body of ['not json', JSON.stringify({ id: 'evt_1', object: 'event' }), JSON.stringify({ id: 'nope', type: 'x', created: 1, livemode: false, data: { object: {} } })]) {
      const res = await deliverEvent(fake, {}, { body });
      expect(res.status, body).toBe(400);
      expect(res.json.error.message).toMatch(/not a Stripe event/);
    }
    expect(await storedEvents('evt_1')).toBe(0);
  });

  it(`a body over ${MAX_WEBHOOK_BODY_BYTES} bytes → 413 before anything is verified or stored`, async () => {
    const { event } = subscribe(await customer('big'));
    const body = JSON.stringify({ ...event, padding: 'x'.repeat(MAX_WEBHOOK_BODY_BYTES) });
    const res = await deliverEvent(fake, event, { body });
    expect(res.status).toBe(413);
    expect(res.json).toEqual(envelope('payload_too_large'));
    expect(await storedEvents(event.id)).toBe(0);
  });

  it('without billing configured → 503, nothing stored (a missing secret never turns the check off)', async () => {
    const { event } = subscribe(await customer('unconfigured'));
    setEnv(NO_STRIPE_ENV);
    const res = await deliverEvent(fake, event);
    expect(res.status).toBe(503);
    expect(res.json).toEqual(envelope('service_unavailable'));
    expect(await storedEvents(event.id)).toBe(0);
  });

  it('GET → 405 with Allow: POST', async () => {
    const res = await callRoute(webhookGet, '/billing/webhook');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('the ledger', () => {
  it('records an event type it does not handle and answers 200, so Stripe stops sending it', async () => {
    const event = fake.emit('customer.updated', { id: 'cus_unrelated', object: 'customer' });
    const first = await deliverEvent(fake, event);
    expect(first.json).toEqual({ received: true, outcome: 'ignored' });
    expect(await ledgerRow(sql, event.id)).toEqual({ type: 'customer.updated', attempts: 1, deliveries: 1, processed: true, last_error: null });
    const again = await deliverEvent(fake, event);
    expect(again.json).toEqual({ received: true, outcome: 'duplicate' });
    expect(await ledgerRow(sql, event.id)).toMatchObject({ attempts: 1, deliveries: 2 });
    const [row] = await sql`select created, livemode, object_id from public.stripe_events where id = ${event.id}`;
    expect(row).toEqual({ created: new Date(event.created * 1000), livemode: false, object_id: 'cus_unrelated' });
  });

  it('a duplicate delivery answers 200 with no second effect: no second fetch, no second write', async () => {
    const c = await customer('dup');
    const { subscription, event } = subscribe(c);
    expect((await deliverEvent(fake, event)).json.outcome).toBe('processed');
    const [before] = await sql`select updated_at from public.subscriptions where id = ${subscription.id}`;
    // Stripe changes meanwhile; a duplicate of the old event must not be what applies that change.
    fake.updateSubscription(subscription.id, { status: 'past_due' });
    const again = await deliverEvent(fake, event);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ received: true, outcome: 'duplicate' });
    expect(subscriptionFetches(fake, subscription.id)).toBe(1);
    const [after] = await sql`select updated_at, status from public.subscriptions where id = ${subscription.id}`;
    expect(after).toEqual({ updated_at: before!.updated_at, status: 'active' });
    expect(await ledgerRow(sql, event.id)).toMatchObject({ attempts: 1, deliveries: 2, processed: true });
  });

  it('handled types about no subscription are recorded and acknowledged: a one-off invoice, a payment-mode checkout', async () => {
    const invoice = fake.emit('invoice.paid', { id: 'in_oneoff', object: 'invoice', customer: 'cus_x', parent: null });
    const payment = fake.emit('checkout.session.completed', { id: 'cs_test_payment', object: 'checkout.session', mode: 'payment', subscription: null });
    for (const event of [invoice, payment]) {
      expect((await deliverEvent(fake, event)).json).toEqual({ received: true, outcome: 'ignored' });
      expect(await ledgerRow(sql, event.id)).toMatchObject({ attempts: 1, deliveries: 1, processed: true });
    }
  });

  it('an event for a customer no account has is processed and says so', async () => {
    const stranger = fake.createCustomer({ email: 'nobody@example.com' });
    const subscription = fake.createSubscription(stranger.id);
    const res = await deliverEvent(fake, lastEvent('customer.subscription.created'));
    expect(res.json.outcome).toBe('processed');
    expect(await ledgerRow(sql, lastEvent('customer.subscription.created').id)).toMatchObject({
      processed: true,
      last_error: `no account has customer ${stranger.id}`,
    });
    expect(await storedSubscription(sql, subscription.id)).toBeUndefined();
  });

  it('an event about a subscription Stripe no longer has is processed with the reason', async () => {
    const event = fake.emit('customer.subscription.updated', { id: 'sub_deletedtestdata', object: 'subscription', customer: 'cus_x' });
    expect((await deliverEvent(fake, event)).json.outcome).toBe('processed');
    expect(await ledgerRow(sql, event.id)).toMatchObject({ attempts: 1, processed: true, last_error: 'subscription sub_deletedtestdata no longer exists at Stripe' });
  });
});

describe('each handled type re-fetches the subscription and applies what Stripe holds', () => {
  it('customer.subscription.created: the price’s tier, status and the item’s period end', async () => {
    const c = await customer('created');
    const { subscription, event } = subscribe(c, { price: fake.prices.pro });
    expect((await deliverEvent(fake, event)).json.outcome).toBe('processed');
    const periodEnd = new Date(subscription.items.data[0].current_period_end * 1000);
    expect(await storedSubscription(sql, subscription.id)).toEqual(expectedRow(fake, subscription));
    expect(await profileBilling(sql, c.user.id)).toEqual({ tier: 'pro', status: 'active', current_period_end: periodEnd });
    const [row] = await sql`select user_id, customer_id, last_event_created from public.subscriptions where id = ${subscription.id}`;
    expect(row).toEqual({ user_id: c.user.id, customer_id: c.customerId, last_event_created: new Date(event.created * 1000) });
  });

  it('customer.subscription.updated: a plan change and a cancellation at the period end', async () => {
    const c = await customer('updated');
    const { subscription, event } = subscribe(c);
    await deliverEvent(fake, event);
    fake.updateSubscription(subscription.id, { price: fake.prices.enterprise });
    await deliverEvent(fake, lastEvent('customer.subscription.updated'));
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'enterprise', status: 'active' });
    const cancelling = fake.updateSubscription(subscription.id, { cancelAtPeriodEnd: true });
    await deliverEvent(fake, lastEvent('customer.subscription.updated'));
    expect(await storedSubscription(sql, subscription.id)).toEqual(expectedRow(fake, cancelling));
    expect(await storedSubscription(sql, subscription.id)).toMatchObject({ cancel_at_period_end: true, cancel_at: expect.any(Date) });
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'enterprise', status: 'active' });
  });

  it('customer.subscription.deleted: back to free, status canceled', async () => {
    const c = await customer('deleted');
    const { subscription, event } = subscribe(c);
    await deliverEvent(fake, event);
    const canceled = fake.cancelSubscription(subscription.id);
    await deliverEvent(fake, lastEvent('customer.subscription.deleted'));
    expect(await storedSubscription(sql, subscription.id)).toEqual(expectedRow(fake, canceled));
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'free', status: 'canceled' });
  });

  it('invoice.payment_failed keeps the tier with status past_due; invoice.paid makes it active again', async () => {
    const c = await customer('invoices');
    const { subscription, event } = subscribe(c, { price: fake.prices.enterprise });
    await deliverEvent(fake, event);
    fake.invoice(subscription.id, 'failed');
    expect((await deliverEvent(fake, lastEvent('invoice.payment_failed'))).json.outcome).toBe('processed');
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'enterprise', status: 'past_due' });
    fake.invoice(subscription.id, 'paid');
    expect((await deliverEvent(fake, lastEvent('invoice.paid'))).json.outcome).toBe('processed');
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'enterprise', status: 'active' });
  });

  it('checkout.session.completed: the subscription the session created', async () => {
    const c = await customer('checkout');
    const res = await callRoute((await import('@/app/api/billing/checkout/route')).POST, '/api/billing/checkout', {
      method: 'POST',
      body: { tier: 'pro' },
      headers: { authorization: `Bearer ${c.user.accessToken}` },
    });
    expect(res.status).toBe(200);
    const sessionId = new URL(res.json.url).pathname.split('/').pop()!;
    fake.completeCheckout(sessionId);
    const completed = lastEvent('checkout.session.completed');
    expect(completed.data.object.subscription).toMatch(/^sub_/);
    expect((await deliverEvent(fake, completed)).json.outcome).toBe('processed');
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'pro', status: 'active' });
  });

  it('an invoice event from an API version before 2025-03-31 (subscription at the top level) works too', async () => {
    const c = await customer('old-invoice');
    const { subscription } = subscribe(c);
    const event = fake.emit('invoice.paid', { id: 'in_oldshape', object: 'invoice', customer: c.customerId, subscription: subscription.id });
    expect((await deliverEvent(fake, event)).json.outcome).toBe('processed');
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'pro', status: 'active' });
  });

  it('what the payload says does not matter: the state fetched from Stripe is applied', async () => {
    const c = await customer('stale');
    const { subscription, event } = subscribe(c);
    const canceled = fake.cancelSubscription(subscription.id);
    // The creation event (status active in its payload) arrives after the cancellation.
    expect(event.data.object.status).toBe('active');
    await deliverEvent(fake, event);
    expect(await storedSubscription(sql, subscription.id)).toEqual(expectedRow(fake, canceled));
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'free', status: 'canceled' });
  });

  it("an old subscription's late deleted event does not downgrade a user who has a newer live one", async () => {
    const c = await customer('two-subs');
    const old = subscribe(c, { price: fake.prices.pro });
    await deliverEvent(fake, old.event);
    const newer = subscribe(c, { price: fake.prices.enterprise });
    await deliverEvent(fake, newer.event);
    fake.cancelSubscription(old.subscription.id);
    await deliverEvent(fake, lastEvent('customer.subscription.deleted'));
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'enterprise', status: 'active' });
    // And the other way round: the newer one ending leaves the older canceled one deciding.
    fake.cancelSubscription(newer.subscription.id);
    await deliverEvent(fake, lastEvent('customer.subscription.deleted'));
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'free', status: 'canceled' });
  });
});

describe('every Stripe status', () => {
  // The profile's statuses are free, active, trialing, past_due, canceled and inactive (migration 008).
  it.each([
    { status: 'trialing', tier: 'pro', profile: 'trialing' },
    { status: 'active', tier: 'pro', profile: 'active' },
    { status: 'past_due', tier: 'pro', profile: 'past_due' },
    { status: 'unpaid', tier: 'free', profile: 'inactive' },
    { status: 'canceled', tier: 'free', profile: 'canceled' },
    { status: 'incomplete', tier: 'free', profile: 'inactive' },
    { status: 'incomplete_expired', tier: 'free', profile: 'free' },
    { status: 'paused', tier: 'free', profile: 'inactive' },
  ])('$status → tier $tier, status $profile', async ({ status, tier, profile }) => {
    const c = await customer(`status-${status}`);
    const { subscription, event } = subscribe(c, { price: fake.prices.pro, status });
    expect((await deliverEvent(fake, event)).json.outcome).toBe('processed');
    expect(await storedSubscription(sql, subscription.id)).toMatchObject({ status, tier: 'pro' });
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier, status: profile });
  });
});

describe('a failure while processing', () => {
  it('Stripe failing during the re-fetch → 500 with the attempt recorded; the redelivery is applied once', async () => {
    const c = await customer('stripe-fails');
    const { subscription, event } = subscribe(c);
    fake.failNext(1);
    const failed = await deliverEvent(fake, event);
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual(envelope('internal_error'));
    expect(await ledgerRow(sql, event.id)).toEqual({
      type: 'customer.subscription.created',
      attempts: 1,
      deliveries: 1,
      processed: false,
      last_error: 'Stripe API: StripeAPIError 500',
    });
    expect(await storedSubscription(sql, subscription.id)).toBeUndefined();
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'free', status: 'free' });

    const retried = await deliverEvent(fake, event);
    expect(retried.json).toEqual({ received: true, outcome: 'processed' });
    expect(await ledgerRow(sql, event.id)).toMatchObject({ attempts: 2, deliveries: 2, processed: true });
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'pro', status: 'active' });
    expect((await deliverEvent(fake, event)).json.outcome).toBe('duplicate');
    expect(subscriptionFetches(fake, subscription.id)).toBe(1);
  });

  it('Stripe unreachable → 500, recorded as a connection error', async () => {
    const { event } = subscribe(await customer('stripe-down'));
    fake.setDown(true);
    const failed = await deliverEvent(fake, event);
    fake.setDown(false);
    expect(failed.status).toBe(500);
    expect(await ledgerRow(sql, event.id)).toMatchObject({ attempts: 1, processed: false, last_error: 'Stripe API: StripeConnectionError' });
    expect((await deliverEvent(fake, event)).json.outcome).toBe('processed');
  });

  it('the database refusing the write → 500 with its SQLSTATE, nothing half-written; the redelivery is applied', async () => {
    const c = await customer('db-fails');
    const { subscription, event } = subscribe(c);
    // A status the projection's check constraint refuses stands in for a database failure mid-write.
    fake.subscriptions.get(subscription.id)!.status = 'Not-A-Status';
    const failed = await deliverEvent(fake, event);
    expect(failed.status).toBe(500);
    expect(await ledgerRow(sql, event.id)).toMatchObject({ attempts: 1, deliveries: 1, processed: false, last_error: 'database: SQLSTATE 23514' });
    expect(await storedSubscription(sql, subscription.id)).toBeUndefined();
    fake.subscriptions.get(subscription.id)!.status = 'active';
    expect((await deliverEvent(fake, event)).json.outcome).toBe('processed');
    expect(await ledgerRow(sql, event.id)).toMatchObject({ attempts: 2, deliveries: 2, processed: true });
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'pro', status: 'active' });
  });
});

describe('concurrent deliveries', () => {
  it('20 concurrent deliveries of one event: one takes effect, 19 are duplicates', async () => {
    const c = await customer('concurrent');
    const { subscription, event } = subscribe(c);
    const answers = await Promise.all(Array.from({ length: 20 }, () => deliverEvent(fake, event)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const outcomes = answers.map((a) => a.json.outcome as string).sort();
    expect(outcomes).toEqual([...Array(19).fill('duplicate'), 'processed']);
    expect(await ledgerRow(sql, event.id)).toEqual({ type: 'customer.subscription.created', attempts: 1, deliveries: 20, processed: true, last_error: null });
    expect(subscriptionFetches(fake, subscription.id)).toBe(1);
    expect(await profileBilling(sql, c.user.id)).toMatchObject({ tier: 'pro', status: 'active' });
  });
});
