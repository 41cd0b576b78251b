import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DELETE as deleteMe } from '@/app/api/me/route';
import { billingConfig } from '@/lib/billing/billing-config';
import { reconcileBilling } from '@/lib/billing/reconcile-billing';
import { setTierByEmail } from '@/lib/billing/set-tier-by-email';
import { ownerSql } from '@/tests/support/database';
import { deliverEvent, expectedRow, linkCustomer, profileBilling, storedSubscription } from '@/tests/support/billing';
import { setEnv } from '@/tests/support/fake-openai';
import { fakeStripeForThisFile, NO_STRIPE_ENV } from '@/tests/support/fake-stripe';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser } from '@/tests/support/users';

/** npm run billing:reconcile and billing:set-tier, and what deleting an account does at Stripe. */

const sql = ownerSql();
const fake = await fakeStripeForThisFile();

function runScript(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', script, ...args],
      { cwd: process.cwd(), env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('billing:reconcile', () => {
  it('brings every customer’s subscriptions from Stripe into the database, says what changed, and a second run changes nothing', async () => {
    const drifted = await createUser('reconcile-drifted');
    const drift = await linkCustomer(sql, fake, drifted);
    const missed = await createUser('reconcile-missed');
    const missedCustomer = await linkCustomer(sql, fake, missed);

    // Applied once, then changed at Stripe with the event lost.
    const known = fake.createSubscription(drift, { price: fake.prices.pro });
    await deliverEvent(fake, fake.events.at(-1)!);
    const pastDue = fake.updateSubscription(known.id, { status: 'past_due', price: fake.prices.enterprise });
    // Never delivered at all.
    const unseen = fake.createSubscription(missedCustomer, { price: fake.prices.pro, status: 'trialing' });

    const config = billingConfig()!;
    const first = await reconcileBilling(sql, config);
    const mine = (lines: string[]) => lines.filter((line) => line.startsWith(drifted.email) || line.startsWith(missed.email));
    expect(mine(first.changes)).toEqual([
      `${drifted.email}: subscription ${known.id}: status active → past_due`,
      `${drifted.email}: subscription ${known.id}: price_id ${fake.prices.pro} → ${fake.prices.enterprise}`,
      `${drifted.email}: subscription ${known.id}: tier pro → enterprise`,
      `${drifted.email}: plan: subscription_tier pro → enterprise`,
      `${drifted.email}: plan: subscription_status active → past_due`,
      `${missed.email}: subscription ${unseen.id}: new`,
      `${missed.email}: plan: subscription_tier free → pro`,
      `${missed.email}: plan: subscription_status free → trialing`,
      expect.stringMatching(new RegExp(`^${missed.email}: plan: current_period_end — → `)),
    ]);
    expect(await storedSubscription(sql, known.id)).toEqual(expectedRow(fake, pastDue));
    expect(await storedSubscription(sql, unseen.id)).toEqual(expectedRow(fake, fake.subscriptions.get(unseen.id)!));
    expect(await profileBilling(sql, missed.id)).toMatchObject({ tier: 'pro', status: 'trialing' });

    const second = await reconcileBilling(sql, config);
    expect(second.changes).toEqual([]);
    expect(second.subscriptions).toBeGreaterThanOrEqual(2);
  });

  it('reports a customer Stripe does not have and carries on', async () => {
    const user = await createUser('reconcile-gone');
    await sql`select private.set_stripe_customer(${user.id}::uuid, 'cus_deletedatstripe')`;
    const report = await reconcileBilling(sql, billingConfig()!);
    expect(report.missing).toContain(`${user.email}: customer cus_deletedatstripe does not exist at Stripe`);
  });

  it('as a script: prints the changes, then that there is nothing to change', async () => {
    const user = await createUser('reconcile-script');
    fake.createSubscription(await linkCustomer(sql, fake, user), { price: fake.prices.enterprise });
    const env = { STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_PRICE_PRO: fake.prices.pro, STRIPE_PRICE_ENTERPRISE: fake.prices.enterprise, STRIPE_API_URL: fake.url };
    const first = await runScript('scripts/billing-reconcile.ts', [], env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(`${user.email}: plan: subscription_tier free → enterprise`);
    expect(first.output).toMatch(/change\(s\) applied\./);
    const second = await runScript('scripts/billing-reconcile.ts', [], env);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/: nothing to change\.\n/);
    const unconfigured = await runScript('scripts/billing-reconcile.ts', [], NO_STRIPE_ENV);
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.output).toMatch(/Billing is not configured/);
  }, 120_000);
});

describe('billing:set-tier', () => {
  it('sets a plan without Stripe through the one writer of plans; a paid tier is active', async () => {
    const user = await createUser('set-tier');
    expect(await setTierByEmail(sql, { email: user.email.toUpperCase(), tier: 'enterprise' })).toBe(true);
    expect(await profileBilling(sql, user.id)).toEqual({ tier: 'enterprise', status: 'active', current_period_end: null });
    expect(await setTierByEmail(sql, { email: user.email, tier: 'free' })).toBe(true);
    expect(await profileBilling(sql, user.id)).toEqual({ tier: 'free', status: 'free', current_period_end: null });
    expect(await setTierByEmail(sql, { email: 'nobody-here@example.com', tier: 'pro' })).toBe(false);
  });

  it('as a script, with no Stripe keys at all', async () => {
    const user = await createUser('set-tier-script');
    const done = await runScript('scripts/billing-set-tier.ts', [user.email, 'pro'], NO_STRIPE_ENV);
    expect(done.code, done.output).toBe(0);
    expect(done.output).toContain(`${user.email} is now on the pro plan.`);
    expect(await profileBilling(sql, user.id)).toMatchObject({ tier: 'pro', status: 'active' });
    const wrong = await runScript('scripts/billing-set-tier.ts', [user.email, 'platinum'], NO_STRIPE_ENV);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toMatch(/Usage: npm run billing:set-tier -- <email> <free\|pro\|enterprise>/);
    expect(await profileBilling(sql, user.id)).toMatchObject({ tier: 'pro' });
  }, 120_000);
});

describe('deleting an account', () => {
  const remove = (user: { accessToken: string; password: string }) =>
    callRoute(deleteMe, '/api/me', { method: 'DELETE', body: { password: user.password }, headers: bearer(user) });

  it('first cancels its live Stripe subscriptions, so nobody is billed for a deleted account', async () => {
    const user = await createUser('delete-paying');
    const customer = await linkCustomer(sql, fake, user);
    const live = fake.createSubscription(customer, { price: fake.prices.pro });
    const ended = fake.createSubscription(customer, { price: fake.prices.pro });
    fake.cancelSubscription(ended.id);
    fake.reset();
    const res = await remove(user);
    expect(res.status).toBe(204);
    expect(fake.subscriptions.get(live.id)!.status).toBe('canceled');
    expect(fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`/v1/subscriptions/${live.id}`]);
    expect(await sql`select 1 from auth.users where id = ${user.id}`).toHaveLength(0);
  });

  it('is refused with 503, nothing deleted, while Stripe cannot be reached', async () => {
    const user = await createUser('delete-stripe-down');
    const customer = await linkCustomer(sql, fake, user);
    const live = fake.createSubscription(customer);
    fake.setDown(true);
    const res = await remove(user);
    fake.setDown(false);
    expect(res.status).toBe(503);
    expect(res.json.error.message).toMatch(/could not be cancelled.*nothing was deleted/);
    expect(await sql`select 1 from auth.users where id = ${user.id}`).toHaveLength(1);
    expect(fake.subscriptions.get(live.id)!.status).toBe('active');
  });

  it('needs no Stripe without billing configured or without a customer', async () => {
    const user = await createUser('delete-no-customer');
    expect((await remove(user)).status).toBe(204);
    setEnv(NO_STRIPE_ENV);
    const other = await createUser('delete-unconfigured');
    await linkCustomer(sql, fake, other);
    expect((await remove(other)).status).toBe(204);
    expect(fake.requests.filter((r) => r.path.startsWith('/v1/subscriptions'))).toHaveLength(0);
  });
});
