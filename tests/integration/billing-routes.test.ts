import { describe, expect, it } from 'vitest';
import { GET as getBilling } from '@/app/api/billing/route';
import { POST as checkout } from '@/app/api/billing/checkout/route';
import { POST as portal } from '@/app/api/billing/portal/route';
import { POST as sync } from '@/app/api/billing/sync/route';
import { POST as transcribe } from '@/app/api/voice/transcribe/route';
import { ApiError } from '@/lib/api/errors';
import { STRIPE_API_VERSION } from '@/lib/billing/billing-config';
import { getPlanPrices } from '@/lib/billing/get-plan-prices';
import { syncCheckoutSession } from '@/lib/billing/sync-checkout-session';
import { ownerSql } from '@/tests/support/database';
import { deliverEvent, linkCustomer, profileBilling } from '@/tests/support/billing';
import { setEnv } from '@/tests/support/fake-openai';
import { fakeStripeEnv, fakeStripeForThisFile, NO_STRIPE_ENV } from '@/tests/support/fake-stripe';
import { callRoute } from '@/tests/support/routes';
import { authRequest, bearer, createUser, type TestUser } from '@/tests/support/users';

/** The billing API: GET /api/billing, checkout, the customer portal and the sync after Checkout. */

const sql = ownerSql();
const fake = await fakeStripeForThisFile();
const SITE = 'http://localhost:3000';

const envelope = (code: string) => ({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });
const billing = (user: TestUser) => callRoute(getBilling, '/api/billing', { headers: bearer(user) });
const startCheckout = (user: TestUser, body: unknown = { tier: 'pro' }) =>
  callRoute(checkout, '/api/billing/checkout', { method: 'POST', body: body as object, headers: bearer(user) });
const openPortal = (user: TestUser) => callRoute(portal, '/api/billing/portal', { method: 'POST', headers: bearer(user) });
const syncSession = (user: TestUser, sessionId: string) => callRoute(sync, '/api/billing/sync', { method: 'POST', body: { sessionId }, headers: bearer(user) });
const sessionIdOf = (url: string) => new URL(url).pathname.split('/').pop()!;
const apiCalls = (method: string, path: string) => fake.requests.filter((r) => r.method === method && r.path === path);

/** Pressing Pay on the fake's hosted checkout page, as a browser would. */
async function pay(checkoutUrl: string): Promise<string> {
  const page = await fetch(checkoutUrl);
  expect(await page.text()).toContain('<button type="submit">Pay</button>');
  const paid = await fetch(`${checkoutUrl}/pay`, { method: 'POST', redirect: 'manual' });
  expect(paid.status).toBe(303);
  return paid.headers.get('location')!;
}

async function payingUser(prefix: string): Promise<TestUser> {
  const user = await createUser(prefix);
  const started = await startCheckout(user);
  const success = await pay(started.json.url);
  expect((await syncSession(user, new URL(success).searchParams.get('session_id')!)).status).toBe(200);
  return user;
}

describe('GET /api/billing', () => {
  it('without billing configured: the plan on the profile, configured false', async () => {
    setEnv(NO_STRIPE_ENV);
    const user = await createUser('state-unconfigured');
    const res = await billing(user);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ configured: false, tier: 'free', status: 'free', currentPeriodEnd: null, cancelAtPeriodEnd: false, cancelAt: null, hasCustomer: false });
  });

  it('needs a signed-in user', async () => {
    const res = await callRoute(getBilling, '/api/billing');
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope('unauthorized'));
  });
});

describe('POST /api/billing/checkout', () => {
  it('creates the customer once (idempotency key from the user) and a subscription Checkout carrying the user id', async () => {
    const user = await createUser('checkout');
    const res = await startCheckout(user, { tier: 'enterprise' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['url']);
    const sessionId = sessionIdOf(res.json.url);
    expect(res.json.url).toBe(`${fake.url}/checkout/${sessionId}`);

    const [createCustomer] = apiCalls('POST', '/v1/customers');
    expect(createCustomer!.headers['idempotency-key']).toBe(`venture-companion-customer-${user.id}`);
    expect(createCustomer!.body).toEqual({ email: user.email, metadata: { user_id: user.id } });
    const customerId = [...fake.customers.values()].find((c) => c.metadata.user_id === user.id)!.id;
    const [profile] = await sql`select stripe_customer_id from public.user_profiles where user_id = ${user.id}`;
    expect(profile).toEqual({ stripe_customer_id: customerId });

    const [createSession] = apiCalls('POST', '/v1/checkout/sessions');
    expect(createSession!.body).toEqual({
      mode: 'subscription',
      customer: customerId,
      client_reference_id: user.id,
      line_items: [{ price: fake.prices.enterprise, quantity: '1' }],
      metadata: { user_id: user.id, tier: 'enterprise' },
      subscription_data: { metadata: { user_id: user.id } },
      success_url: `${SITE}/billing/success?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${SITE}/pricing`,
    });
    expect(fake.requests.every((r) => r.headers['stripe-version'] === STRIPE_API_VERSION)).toBe(true);
    expect(createSession!.headers.authorization).toBe(`Bearer ${fake.secretKey}`);

    // A second checkout reuses the stored customer.
    expect((await startCheckout(user)).status).toBe(200);
    expect(apiCalls('POST', '/v1/customers')).toHaveLength(1);
    expect(apiCalls('POST', '/v1/checkout/sessions').at(-1)!.body.line_items[0].price).toBe(fake.prices.pro);
  });

  it('two first checkouts at once (two tabs) get one customer between them', async () => {
    const user = await createUser('two-tabs');
    const answers = await Promise.all([startCheckout(user), startCheckout(user)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const customers = [...fake.customers.values()].filter((c) => c.metadata.user_id === user.id);
    expect(customers).toHaveLength(1);
    const [profile] = await sql`select stripe_customer_id from public.user_profiles where user_id = ${user.id}`;
    expect(profile!.stripe_customer_id).toBe(customers[0]!.id);
    expect(apiCalls('POST', '/v1/checkout/sessions').map((r) => r.body.customer)).toEqual([customers[0]!.id, customers[0]!.id]);
  });

  it('someone on a live paid plan is sent to the portal: 409, no Checkout created', async () => {
    const user = await payingUser('already-paying');
    fake.reset();
    const res = await startCheckout(user, { tier: 'enterprise' });
    expect(res.status).toBe(409);
    expect(res.json).toEqual(envelope('conflict'));
    expect(res.json.error.message).toMatch(/Manage billing/);
    expect(apiCalls('POST', '/v1/checkout/sessions')).toHaveLength(0);
  });

  it.each([
    { name: 'an unknown tier', body: { tier: 'platinum' }, message: /^tier: must be "pro" or "enterprise"/ },
    { name: 'free', body: { tier: 'free' }, message: /^tier: / },
    { name: 'an extra field', body: { tier: 'pro', price: 'price_cheap' }, message: /unknown field: price/ },
  ])('$name → 400, nothing sent to Stripe', async ({ body, message }) => {
    const res = await startCheckout(await createUser('bad-tier'), body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(envelope('validation_failed'));
    expect(res.json.error.message).toMatch(message);
    expect(fake.requests).toHaveLength(0);
  });

  it('Stripe failing → 503 with Retry-After, and no customer stored', async () => {
    const user = await createUser('checkout-fails');
    fake.failNext(1);
    const res = await startCheckout(user);
    expect(res.status).toBe(503);
    expect(res.json).toEqual(envelope('service_unavailable'));
    expect(res.headers.get('retry-after')).toBe('30');
    const [profile] = await sql`select stripe_customer_id from public.user_profiles where user_id = ${user.id}`;
    expect(profile!.stripe_customer_id).toBeNull();
  });

  it('without billing configured → 503 saying so', async () => {
    setEnv(NO_STRIPE_ENV);
    const res = await startCheckout(await createUser('checkout-unconfigured'));
    expect(res.status).toBe(503);
    expect(res.json.error.message).toMatch(/^Billing is not configured on this server/);
  });

  it('a token whose session was signed out is refused (the session is re-checked with the auth server)', async () => {
    const user = await createUser('signed-out');
    expect((await authRequest('/logout?scope=global', { token: user.accessToken })).status).toBe(204);
    const res = await startCheckout(user);
    expect(res.status).toBe(401);
    expect(res.json.error.message).toMatch(/session has ended/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('POST /api/billing/portal', () => {
  it('opens the customer portal for the stored customer, returning to /billing', async () => {
    const user = await createUser('portal');
    const customerId = await linkCustomer(sql, fake, user);
    const res = await openPortal(user);
    expect(res.status).toBe(200);
    expect(res.json.url).toMatch(new RegExp(`^${fake.url}/portal/bps_`));
    expect(apiCalls('POST', '/v1/billing_portal/sessions')[0]!.body).toEqual({ customer: customerId, return_url: `${SITE}/billing` });
  });

  it('409 for someone who has no customer yet, and 503 without billing', async () => {
    const user = await createUser('portal-none');
    const none = await openPortal(user);
    expect(none.status).toBe(409);
    expect(none.json.error.message).toMatch(/choose a plan/);
    setEnv(NO_STRIPE_ENV);
    expect((await openPortal(user)).status).toBe(503);
  });

  it('"Cancel plan" in the portal, delivered by webhook, shows as cancelling on the period end', async () => {
    const user = await payingUser('portal-cancel');
    fake.reset();
    const { json } = await openPortal(user);
    const page = await (await fetch(json.url)).text();
    expect(page).toContain('<button type="submit">Cancel plan</button>');
    expect(page).toContain(`href="${SITE}/billing"`);
    const cancelled = await fetch(`${json.url}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(cancelled.status).toBe(303);
    const [updated] = fake.events.filter((e) => e.type === 'customer.subscription.updated');
    expect((await deliverEvent(fake, updated!)).json.outcome).toBe('processed');
    const state = (await billing(user)).json;
    const periodEnd = new Date(updated!.data.object.items.data[0].current_period_end * 1000).toISOString();
    expect(state).toEqual({ configured: true, tier: 'pro', status: 'active', currentPeriodEnd: periodEnd, cancelAtPeriodEnd: true, cancelAt: periodEnd, hasCustomer: true });
  });
});

describe('POST /api/billing/sync (back from Checkout)', () => {
  it('the paid session shows the new plan at once; the webhook arriving later changes nothing', async () => {
    const user = await createUser('sync');
    const voiceWhenFree = await callRoute(transcribe, '/api/voice/transcribe', { method: 'POST', headers: bearer(user) });
    expect(voiceWhenFree.json.error.code).toBe('premium_required');
    const started = await startCheckout(user);
    const success = await pay(started.json.url);
    const sessionId = sessionIdOf(started.json.url);
    expect(success).toBe(`${SITE}/billing/success?session_id=${sessionId}`);
    expect(await profileBilling(sql, user.id)).toMatchObject({ tier: 'free' });

    const res = await syncSession(user, sessionId);
    expect(res.status).toBe(200);
    const subscription = [...fake.subscriptions.values()].find((s) => s.customer === fake.checkoutSessions.get(sessionId)!.customer)!;
    const periodEnd = new Date(subscription.items.data[0].current_period_end * 1000).toISOString();
    expect(res.json).toEqual({ configured: true, tier: 'pro', status: 'active', currentPeriodEnd: periodEnd, cancelAtPeriodEnd: false, cancelAt: null, hasCustomer: true });
    expect(subscription.metadata).toEqual({ user_id: user.id });
    expect((await billing(user)).json).toEqual(res.json);
    // Premium features follow the plan: voice input is no longer refused as premium-only.
    const voice = await callRoute(transcribe, '/api/voice/transcribe', { method: 'POST', headers: bearer(user) });
    expect(voice.json?.error?.code).not.toBe('premium_required');

    const [before] = await sql`select updated_at from public.subscriptions where id = ${subscription.id}`;
    for (const event of fake.events.filter((e) => ['checkout.session.completed', 'customer.subscription.created', 'invoice.paid'].includes(e.type))) {
      expect((await deliverEvent(fake, event)).json.outcome).toBe('processed');
    }
    const [after] = await sql`select updated_at from public.subscriptions where id = ${subscription.id}`;
    expect(after).toEqual(before);
  });

  it("another account's session is a 404, and nothing of either account changes", async () => {
    const owner = await createUser('sync-owner');
    const started = await startCheckout(owner);
    await pay(started.json.url);
    const intruder = await createUser('sync-intruder');
    const res = await syncSession(intruder, sessionIdOf(started.json.url));
    expect(res.status).toBe(404);
    expect(res.json).toEqual(envelope('not_found'));
    expect(await profileBilling(sql, intruder.id)).toMatchObject({ tier: 'free', status: 'free' });
    expect(await profileBilling(sql, owner.id)).toMatchObject({ tier: 'free', status: 'free' });
    expect(await sql`select 1 from public.subscriptions where user_id in ${sql([owner.id, intruder.id])}`).toHaveLength(0);
  });

  it('an unknown session is a 404; an unpaid one changes nothing; a malformed id is a 400', async () => {
    const user = await createUser('sync-other');
    expect((await syncSession(user, 'cs_test_doesnotexist')).status).toBe(404);
    const started = await startCheckout(user);
    const open = await syncSession(user, sessionIdOf(started.json.url));
    expect(open.status).toBe(200);
    expect(open.json).toMatchObject({ tier: 'free', status: 'free', hasCustomer: true });
    const malformed = await syncSession(user, 'not-a-session');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toMatch(/^sessionId: must be a Checkout Session id/);
  });

  it('syncCheckoutSession, which the success page calls, refuses a malformed or foreign id as not found', async () => {
    const user = await createUser('sync-page');
    await expect(syncCheckoutSession(user.id, "cs_test_x' or 1=1")).rejects.toMatchObject({ code: 'not_found' });
    await expect(syncCheckoutSession(user.id, 'cs_test_doesnotexist')).rejects.toBeInstanceOf(ApiError);
  });

  it('Stripe down → 503; without billing → 503', async () => {
    const user = await createUser('sync-down');
    fake.setDown(true);
    const down = await syncSession(user, 'cs_test_whatever');
    fake.setDown(false);
    expect(down.status).toBe(503);
    setEnv(NO_STRIPE_ENV);
    expect((await syncSession(user, 'cs_test_whatever')).status).toBe(503);
  });
});

describe('plan prices for /pricing', () => {
  it('are read from Stripe and kept for a while, so a page view costs no Stripe call', async () => {
    const prices = await getPlanPrices();
    expect(prices).toEqual({ pro: { unitAmount: 2000, currency: 'usd', interval: 'month' }, enterprise: { unitAmount: 20000, currency: 'usd', interval: 'month' } });
    const calls = fake.requests.length;
    expect(calls).toBeGreaterThan(0);
    expect(await getPlanPrices()).toEqual(prices);
    expect(fake.requests).toHaveLength(calls);
  });

  it('are null when billing is not configured or Stripe cannot be reached', async () => {
    setEnv(NO_STRIPE_ENV);
    expect(await getPlanPrices()).toEqual({ pro: null, enterprise: null });
    // Another configuration: nothing cached for it, and nothing listens on the discard port.
    setEnv({ ...fakeStripeEnv(fake), STRIPE_API_URL: 'http://127.0.0.1:9' });
    expect(await getPlanPrices()).toEqual({ pro: null, enterprise: null });
  });
});
