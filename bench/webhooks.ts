import { randomUUID } from 'node:crypto';
import { createSql } from '@/lib/db/client';
import { createThrowawayDatabase } from '@/scripts/lib/throwaway-database';
import { fakeStripeEnv, startFakeStripe, type FakeStripe } from '@/tests/support/fake-stripe';
import { load, printTable, summarize, startApp, type RunningApp, type Summary } from './support';
import { seededRandom } from '@/tests/support/seeded-random';

/**
 * npm run bench:webhooks — how fast Stripe's deliveries are acknowledged. The app is built and
 * started on a throwaway database on the local PostgreSQL, with billing pointed at the fake
 * Stripe server (tests/support/fake-stripe.ts) running in this process. 1,000 deliveries of
 * signed events (800 distinct from 100 customers' subscription lives, 200 duplicates, shuffled)
 * go to POST /billing/webhook, 16 at a time: each is verified, claimed in the ledger, its
 * subscription fetched from the fake Stripe and applied. Then the same number of bare ledger
 * inserts (`insert … on conflict do nothing`, the same share of duplicates) run directly on the
 * same database at the same concurrency. Prints p50/p95/p99 and events/s for both, and the ratio.
 * Each signature is made just before its request is sent and outside the timing. For scale, two
 * more rows: 200 deliveries one at a time (no queueing: what one function instance does per
 * delivery), and GET /health (one database ping) under the same load as the acks, the floor of
 * any route of this app on the machine.
 *
 * BENCH_DELIVERIES (1000), BENCH_CONCURRENCY (16), BENCH_POOL_MAX (10), BENCH_SKIP_BUILD=1, BENCH_PORT (3220).
 */

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const POOL_MAX = Number(process.env.BENCH_POOL_MAX ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3220);
const DUPLICATE_SHARE = 0.2;
const CUSTOMERS = 100;
const WARM_UP = 100;
const TARGET_P95_MS = 30;
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const base = `http://127.0.0.1:${PORT}`;

type Event = Record<string, any>;

const next = seededRandom(20_261_128);
const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;

/** One step of a customer's subscription life at the fake Stripe: one to three events. */
function act(fake: FakeStripe, customers: string[]): void {
  const customer = pick(customers);
  const live = [...fake.subscriptions.values()].filter((s) => s.customer === customer && s.status !== 'canceled');
  const price = next() < 0.5 ? fake.prices.pro : fake.prices.enterprise;
  if (live.length === 0) {
    const subscription = fake.createSubscription(customer, { price });
    fake.emit('checkout.session.completed', { id: `cs_test_bench${fake.events.length}`, object: 'checkout.session', mode: 'subscription', subscription: subscription.id });
    return;
  }
  const subscription = pick(live);
  const step = next();
  if (step < 0.25) fake.updateSubscription(subscription.id, { price });
  else if (step < 0.45) fake.updateSubscription(subscription.id, { cancelAtPeriodEnd: !subscription.cancel_at_period_end });
  else if (step < 0.6) fake.invoice(subscription.id, 'failed');
  else if (step < 0.85) fake.invoice(subscription.id, 'paid');
  else if (step < 0.9) fake.emit('customer.updated', { id: customer, object: 'customer' });
  else fake.cancelSubscription(subscription.id);
}

/** `count` distinct events, each delivered once, plus duplicates of random ones, shuffled. */
function deliveries(fake: FakeStripe, customers: string[], count: number): Event[] {
  const distinct = Math.round(count * (1 - DUPLICATE_SHARE));
  const from = fake.events.length;
  while (fake.events.length - from < distinct) act(fake, customers);
  const unique = fake.events.slice(from, from + distinct);
  const all = [...unique, ...Array.from({ length: count - distinct }, () => pick(unique))];
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all;
}


const outcomes = new Map<string, number>();
function deliverer(fake: FakeStripe) {
  return async (event: Event) => {
    const body = JSON.stringify(event);
    const signature = fake.sign(body);
    return async () => {
      const response = await fetch(`${base}/billing/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
      const json = (await response.json()) as { outcome?: string; error?: { message: string } };
      if (response.status !== 200) throw new Error(`delivery of ${event.id} answered ${response.status}: ${json.error?.message}`);
      outcomes.set(json.outcome!, (outcomes.get(json.outcome!) ?? 0) + 1);
    };
  };
}

let app: RunningApp | undefined;
const fake = await startFakeStripe();
const database = await createThrowawayDatabase({ serverUrl, seed: false });
const sql = createSql(database.url, CONCURRENCY);
try {
  app = await startApp(PORT, {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(POOL_MAX),
    ...fakeStripeEnv(fake),
  });

  // Accounts straight into auth.users (the sign-up trigger makes their profiles), each with a customer.
  const customers: string[] = [];
  for (let i = 0; i < CUSTOMERS + 10; i++) {
    const id = randomUUID();
    await sql`insert into auth.users (id, email) values (${id}, ${`bench-webhooks-${i}-${id.slice(0, 8)}@example.com`})`;
    const customer = fake.createCustomer({ metadata: { user_id: id } });
    await sql`select private.set_stripe_customer(${id}::uuid, ${customer.id as string})`;
    customers.push(customer.id);
  }
  const warmUp = deliveries(fake, customers.slice(CUSTOMERS), WARM_UP);
  await load(warmUp, CONCURRENCY, deliverer(fake));
  outcomes.clear();
  const measured = deliveries(fake, customers.slice(0, CUSTOMERS), DELIVERIES);
  const distinct = new Set(measured.map((event) => event.id)).size;

  console.log(`\n${DELIVERIES} deliveries (${distinct} distinct events, ${DELIVERIES - distinct} duplicates), ${CONCURRENCY} concurrent; app pool ${POOL_MAX}, PostgreSQL at ${new URL(serverUrl).host}\n`);
  const acks = await load(measured, CONCURRENCY, deliverer(fake));
  const counted = [...outcomes.entries()];
  const alone = await load(deliveries(fake, customers.slice(0, CUSTOMERS), 200), 1, deliverer(fake));
  const health = await load(measured, CONCURRENCY, async () => async () => {
    await (await fetch(`${base}/health`)).arrayBuffer();
  });

  // The same number of bare ledger inserts with the same share of duplicates, on the same database.
  const ids = Array.from({ length: distinct }, () => `evt_bare${randomUUID().replaceAll('-', '')}`);
  const rows = measured.map((_, i) => ids[i < distinct ? i : Math.floor(next() * distinct)]!);
  const inserts = await load(rows, CONCURRENCY, async (id) => async () => {
    await sql`insert into public.stripe_events (id, type, created, livemode, object_id) values (${id}, 'customer.subscription.updated', now(), false, 'sub_bare')
      on conflict (id) do nothing`;
  });

  const ack: Summary = summarize(acks.latencies);
  const bare: Summary = summarize(inserts.latencies);
  printTable([
    { name: `POST /billing/webhook: ack, ${CONCURRENCY} concurrent`, summary: ack, extra: `${(DELIVERIES / acks.seconds).toFixed(0)} events/s` },
    { name: `bare ledger insert, ${CONCURRENCY} concurrent`, summary: bare, extra: `${(DELIVERIES / inserts.seconds).toFixed(0)} inserts/s` },
    { name: 'POST /billing/webhook: ack, one at a time', summary: summarize(alone.latencies), extra: `${(200 / alone.seconds).toFixed(0)} events/s` },
    { name: `GET /health, ${CONCURRENCY} concurrent (floor)`, summary: summarize(health.latencies), extra: `${(DELIVERIES / health.seconds).toFixed(0)} requests/s` },
  ]);
  console.log(`\noutcomes: ${counted.map(([outcome, count]) => `${outcome} ${count}`).join(', ')}`);
  console.log(`ratio ack / bare insert: p50 ${(ack.p50 / bare.p50).toFixed(1)}×, p95 ${(ack.p95 / bare.p95).toFixed(1)}×, p99 ${(ack.p99 / bare.p99).toFixed(1)}×`);

  const [ledger] = await sql<{ processed: number; attempts: number }[]>`
    select count(*) filter (where processed_at is not null)::int as processed, coalesce(sum(attempts), 0)::int as attempts
    from public.stripe_events where id in ${sql([...new Set(measured.map((event) => event.id as string))])}`;
  if (ledger!.processed !== distinct || ledger!.attempts !== distinct) {
    throw new Error(`ledger: ${ledger!.processed} of ${distinct} events processed with ${ledger!.attempts} attempts (expected one each)`);
  }
  console.log(`ledger: all ${distinct} distinct events processed, one attempt each`);
  console.log(`target: ack p95 ≤ ${TARGET_P95_MS} ms (${ack.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'})`);
} finally {
  await app?.stop();
  await sql.end({ timeout: 5 });
  await database.drop();
  await fake.close();
}
