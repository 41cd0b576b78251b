import { describe, expect, it } from 'vitest';
import { ownerSql } from '@/tests/support/database';
import { deliverEvent, expectedRow, linkCustomer, subscriptionFetches } from '@/tests/support/billing';
import { fakeStripeForThisFile } from '@/tests/support/fake-stripe';
import { createUser, type TestUser } from '@/tests/support/users';
import { seededRandom } from '@/tests/support/seeded-random';

/**
 * Replay: Stripe delivers late, twice and out of order. 700 distinct events from 40 customers'
 * subscription lives (plan changes, cancellations, failed and paid invoices, checkouts, new
 * subscriptions after old ones) plus 300 duplicates make 1,000 deliveries, shuffled and sent 8 at
 * a time in four rounds while Stripe's state keeps changing between rounds (each copy goes out in
 * a random round at or after the one its event happened in). At the end the database must hold
 * exactly what the fake Stripe holds, and every event must have taken effect once.
 */

const sql = ownerSql();
const fake = await fakeStripeForThisFile();

const UNIQUE = 700;
const DUPLICATES = 300;
const ROUNDS = 4;
const CONCURRENCY = 8;
const CUSTOMERS = 40;


const LIVE = ['trialing', 'active', 'past_due'];
const STATUS_RANK: Record<string, number> = { active: 7, trialing: 6, past_due: 5, unpaid: 4, paused: 3, incomplete: 2, canceled: 1 };
const PROFILE_STATUS: Record<string, string> = { active: 'active', trialing: 'trialing', past_due: 'past_due', canceled: 'canceled', incomplete_expired: 'free' };

/** The plan a user should have, worked out from the fake's subscriptions independently of the SQL. */
function expectedProfile(subscriptions: Record<string, any>[]) {
  const tierOf = (s: Record<string, any>) => expectedRow(fake, s).tier;
  const paidRank = (s: Record<string, any>) => (LIVE.includes(s.status) ? { free: 0, pro: 1, enterprise: 2 }[tierOf(s)]! : 0);
  const best = [...subscriptions].sort(
    (a, b) =>
      paidRank(b) - paidRank(a) ||
      (STATUS_RANK[b.status] ?? 0) - (STATUS_RANK[a.status] ?? 0) ||
      b.items.data[0].current_period_end - a.items.data[0].current_period_end ||
      (a.id < b.id ? -1 : 1),
  )[0];
  if (!best) return { tier: 'free', status: 'free' };
  return { tier: LIVE.includes(best.status) ? tierOf(best) : 'free', status: PROFILE_STATUS[best.status] ?? 'inactive' };
}

describe('replaying 1,000 shuffled deliveries', () => {
  it('ends with the database equal to Stripe, each event applied once', async () => {
    const next = seededRandom(20_261_101);
    const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;

    const customers: { user: TestUser; customerId: string }[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const user = await createUser(`replay-${i}`);
      customers.push({ user, customerId: await linkCustomer(sql, fake, user) });
    }
    const mine = new Set(customers.map((c) => c.customerId));
    const ofCustomer = (customerId: string) => [...fake.subscriptions.values()].filter((s) => s.customer === customerId);

    /** One step of some customer's life at Stripe; each emits one to three events. */
    function act(): void {
      const { customerId } = pick(customers);
      const live = ofCustomer(customerId).filter((s) => LIVE.includes(s.status) || ['unpaid', 'paused', 'incomplete'].includes(s.status));
      const price = next() < 0.5 ? fake.prices.pro : fake.prices.enterprise;
      if (live.length === 0 || next() < 0.08) {
        const subscription = fake.createSubscription(customerId, { price, status: pick(['active', 'active', 'trialing', 'incomplete']) });
        if (next() < 0.5) fake.emit('checkout.session.completed', { id: `cs_test_replay${fake.events.length}`, object: 'checkout.session', mode: 'subscription', subscription: subscription.id, customer: customerId });
        return;
      }
      const subscription = pick(live);
      const step = next();
      if (step < 0.2) fake.updateSubscription(subscription.id, { price });
      else if (step < 0.35) fake.updateSubscription(subscription.id, { cancelAtPeriodEnd: !subscription.cancel_at_period_end });
      else if (step < 0.5) fake.invoice(subscription.id, 'failed');
      else if (step < 0.7) fake.invoice(subscription.id, 'paid');
      else if (step < 0.8) fake.updateSubscription(subscription.id, { status: pick(['unpaid', 'paused', 'active', 'past_due', 'incomplete_expired']) });
      else if (step < 0.9) fake.updateSubscription(subscription.id, { currentPeriodEnd: subscription.items.data[0].current_period_end + 30 * 24 * 3600 });
      else fake.cancelSubscription(subscription.id);
    }

    // Which events get a duplicate copy, decided up front so the total is exact.
    const extraCopies = new Map<number, number>();
    for (let i = 0; i < DUPLICATES; i++) {
      const index = Math.floor(next() * UNIQUE);
      extraCopies.set(index, (extraCopies.get(index) ?? 0) + 1);
    }

    const unique: Record<string, any>[] = [];
    const rounds: Record<string, any>[][] = Array.from({ length: ROUNDS }, () => []);
    const statuses = new Map<number, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const target = Math.round(((round + 1) * UNIQUE) / ROUNDS);
      while (fake.events.length < target) {
        // Near the round's target, only single-event steps, so the count comes out exact.
        if (target - fake.events.length >= 3) act();
        else {
          const live = [...fake.subscriptions.values()].find((s) => mine.has(s.customer) && s.status !== 'canceled');
          fake.updateSubscription(live!.id, { cancelAtPeriodEnd: !live!.cancel_at_period_end });
        }
      }
      for (const event of fake.events.slice(unique.length)) {
        const copies = 1 + (extraCopies.get(unique.length) ?? 0);
        unique.push(event);
        for (let copy = 0; copy < copies; copy++) rounds[round + Math.floor(next() * (ROUNDS - round))]!.push(event);
      }
      const batch = rounds[round]!;
      for (let i = batch.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [batch[i], batch[j]] = [batch[j]!, batch[i]!];
      }
      let cursor = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (cursor < batch.length) {
            const res = await deliverEvent(fake, batch[cursor++]!);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          }
        }),
      );
    }

    expect(unique).toHaveLength(UNIQUE);
    expect(rounds.flat()).toHaveLength(UNIQUE + DUPLICATES);
    expect(Object.fromEntries(statuses)).toEqual({ 200: UNIQUE + DUPLICATES });

    // Every subscription is stored exactly as Stripe holds it.
    const subscriptions = [...fake.subscriptions.values()].filter((s) => mine.has(s.customer));
    expect(subscriptions.length).toBeGreaterThan(CUSTOMERS);
    const stored = await sql<Record<string, unknown>[]>`
      select id, status, price_id, tier, current_period_end, cancel_at_period_end, cancel_at, canceled_at
      from public.subscriptions where customer_id in ${sql([...mine])} order by id`;
    expect(stored).toEqual(subscriptions.map((s) => ({ id: s.id, ...expectedRow(fake, s) })).sort((a, b) => (a.id < b.id ? -1 : 1)));

    // Every account has the plan its subscriptions give.
    for (const { user, customerId } of customers) {
      const [profile] = await sql`select subscription_tier as tier, subscription_status as status from public.user_profiles where user_id = ${user.id}`;
      expect(profile, user.email).toEqual(expectedProfile(ofCustomer(customerId)));
    }

    // Each event took effect once: processed, one attempt, every copy counted as a delivery.
    const copies = new Map<string, number>();
    for (const event of rounds.flat()) copies.set(event.id, (copies.get(event.id) ?? 0) + 1);
    const ledger = await sql<{ id: string; attempts: number; deliveries: number; processed: boolean }[]>`
      select id, attempts, deliveries, processed_at is not null as processed from public.stripe_events where id in ${sql(unique.map((e) => e.id))}`;
    expect(ledger).toHaveLength(UNIQUE);
    expect(ledger.filter((row) => !row.processed || row.attempts !== 1 || row.deliveries !== copies.get(row.id))).toEqual([]);

    // And once only: one fetch from Stripe per distinct event about a subscription, none for a duplicate.
    const aboutSubscription = new Map<string, number>();
    for (const event of unique) {
      const object = event.data.object;
      const id = event.type.startsWith('customer.subscription.')
        ? object.id
        : event.type === 'checkout.session.completed'
          ? object.subscription
          : event.type.startsWith('invoice.')
            ? object.parent?.subscription_details?.subscription
            : null;
      if (id) aboutSubscription.set(id, (aboutSubscription.get(id) ?? 0) + 1);
    }
    for (const subscription of subscriptions) {
      expect(subscriptionFetches(fake, subscription.id), subscription.id).toBe(aboutSubscription.get(subscription.id) ?? 0);
    }
  }, 300_000);
});
