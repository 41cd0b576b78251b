import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as getAdminHealth } from '@/app/api/admin/health/route';
import { GET as getHealth } from '@/app/api/health/route';
import { GET as getMe } from '@/app/api/me/route';
import { POST as postOrganization } from '@/app/api/organizations/route';
import { POST as postRun } from '@/app/api/runs/route';
import { GET as sweep } from '@/app/api/cron/sweep-runs/route';
import { closePool } from '@/lib/db/client';
import { resetServerEnvForTests } from '@/lib/env';
import { logger } from '@/lib/observability/logger';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { deliverEvent, ledgerRow, linkCustomer, profileBilling, subscriptionFetches } from '@/tests/support/billing';
import { ownerSql } from '@/tests/support/database';
import { startDatabaseProxy } from '@/tests/support/database-proxy';
import { fakeOpenAIForThisFile, setEnv } from '@/tests/support/fake-openai';
import { fakeStripeForThisFile } from '@/tests/support/fake-stripe';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * Faults the runbook's on-call procedures describe, each injected on loopback and each stopping by
 * itself. Covered elsewhere, and not repeated here:
 * - the provider answering 500, refusing connections or timing out: tests/integration/runs.test.ts
 *   ("provider failures end the run as failed with a reason"), reservations given back included;
 * - Stripe failing or unreachable during a webhook, at the ledger: tests/integration/billing-webhook.test.ts
 *   ("a failure while processing"); here the same outage as the admin health shows it;
 * - Upstash refusing, gone, slow or refusing the token, at the limiter: tests/integration/rate-limit-upstash.test.ts;
 * - /health against a database that never answers: tests/integration/health.test.ts.
 */

const sql = ownerSql();
const fake = await fakeOpenAIForThisFile();
const stripe = await fakeStripeForThisFile();
const CRON_SECRET = 'cron-secret-for-fault-tests-0123456789';

afterEach(() => {
  vi.restoreAllMocks();
  setEnv({ UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined, CRON_SECRET: undefined });
  resetRateLimitsForTests();
});

/** A port on 127.0.0.1 with nothing listening (taken, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function usage(userId: string): Promise<Record<string, number>> {
  const rows = await sql<{ metric_type: string; count: string }[]>`
    select metric_type, count::text from public.usage_metrics where user_id = ${userId} order by metric_type`;
  return Object.fromEntries(rows.map((row) => [row.metric_type, Number(row.count)]));
}

async function startRun(user: TestUser) {
  const res = await callRoute(postRun, '/api/runs', { method: 'POST', body: { task: 'Draft a tweet', outputType: 'content' }, headers: bearer(user) });
  const events = res.text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string; error?: { code: string; message: string }; run?: { id: string; status: string; error: string | null } });
  return { ...res, events };
}

describe('the LLM provider down', () => {
  it('a provider that closes the connection mid-answer: the run fails with a reason and nothing stays reserved', async () => {
    // Answers the status line and headers of a stream, then drops the connection.
    const sockets = new Set<net.Socket>();
    const dropper = net.createServer((socket) => {
      sockets.add(socket);
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n');
        socket.write('1a\r\ndata: {"id":"x","choices":[\r\n');
        setTimeout(() => socket.destroy(), 20);
      });
    });
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    try {
      setEnv({ OPENAI_BASE_URL: `http://127.0.0.1:${(dropper.address() as net.AddressInfo).port}/v1` });
      const user = await createUser('fault-llm-drop');
      const res = await startRun(user);
      expect(res.status).toBe(200);
      const last = res.events.at(-1)!;
      expect(last.type).toBe('error');
      expect(last.error!.message.length).toBeGreaterThan(0);
      expect(last.run).toMatchObject({ status: 'failed', error: last.error!.message });

      const [stored] = await sql<{ status: string; error: string; completed_at: Date | null; input_tokens: number }[]>`
        select status, error, completed_at, input_tokens from public.agent_runs where id = ${last.run!.id}`;
      expect(stored).toMatchObject({ status: 'failed', error: last.error!.message, input_tokens: 0 });
      expect(stored!.completed_at).not.toBeNull();
      // The run is counted; its token reservation is settled to what was used (nothing).
      expect(await usage(user.id)).toEqual({ runs: 1, tokens: 0, daily_tokens: 0 });
      expect(fake.requests).toHaveLength(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => dropper.close(() => resolve()));
    }
  });
});

describe('the Stripe API down', () => {
  it('the webhook answers 500 with the attempt recorded and counted as failed; redelivered with Stripe back, it is applied once', async () => {
    const admin = await createUser('fault-stripe-admin');
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${admin.id}`;
    const user = await createUser('fault-stripe');
    const customerId = await linkCustomer(sql, stripe, user);
    const subscription = stripe.createSubscription(customerId, {});
    const event = stripe.events.findLast((e) => e.type === 'customer.subscription.created' && e.data.object.id === subscription.id)!;
    const ledger = async () => (await callRoute(getAdminHealth, '/api/admin/health', { headers: bearer(admin) })).json.stripeLedger as { unprocessed: number; failed: number };

    stripe.setDown(true);
    let failed;
    try {
      failed = await deliverEvent(stripe, event);
    } finally {
      stripe.setDown(false);
    }
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ error: { code: 'internal_error', message: expect.any(String) }, requestId: expect.any(String) });
    expect(await ledgerRow(sql, event.id)).toMatchObject({ attempts: 1, processed: false, last_error: 'Stripe API: StripeConnectionError' });
    expect(await profileBilling(sql, user.id)).toMatchObject({ tier: 'free' });
    const during = await ledger();
    expect(during.failed).toBeGreaterThanOrEqual(1);

    const redelivered = await deliverEvent(stripe, event);
    expect(redelivered.json).toEqual({ received: true, outcome: 'processed' });
    expect((await deliverEvent(stripe, event)).json.outcome).toBe('duplicate');
    expect(await ledgerRow(sql, event.id)).toMatchObject({ attempts: 2, deliveries: 3, processed: true });
    expect(await profileBilling(sql, user.id)).toMatchObject({ tier: 'pro', status: 'active' });
    expect(subscriptionFetches(stripe, subscription.id)).toBe(1);
    const [still] = await sql<{ n: number }[]>`select count(*)::int as n from public.stripe_events where id = ${event.id} and processed_at is null`;
    expect(still!.n).toBe(0);
  });
});

describe('Redis down', () => {
  it('rate limiting on an Upstash URL where nothing listens fails open: the request is served and a warning logged', async () => {
    const user = await createUser('fault-redis');
    setEnv({ UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${await closedPort()}`, UPSTASH_REDIS_REST_TOKEN: 'test-token-redis-down' });
    resetRateLimitsForTests();
    const warn = vi.spyOn(logger, 'warn');
    const res = await callRoute(getMe, '/api/me', { headers: bearer(user) });
    expect(res.status).toBe(200);
    expect(res.json.id ?? res.json.user?.id).toBe(user.id);
    const limiterWarnings = warn.mock.calls.filter(([fields]) => typeof fields === 'object' && fields !== null && 'policy' in fields);
    expect(limiterWarnings.length).toBeGreaterThanOrEqual(1);
    expect(limiterWarnings[0]![0]).toMatchObject({ err: expect.any(Error) });
    expect(JSON.stringify(warn.mock.calls, (_key, value: unknown) => (value instanceof Error ? value.message : value))).not.toContain('test-token-redis-down');
  });
});

describe('a function killed mid-run', () => {
  it('the daily sweep closes the run left running as failed and gives its reserved usage back', async () => {
    const user = await createUser('fault-killed');
    const [period] = await sql<{ month: string }[]>`select to_char(date_trunc('month', now()), 'YYYY-MM-DD') as month`;
    const month = period!.month;
    // What a run route leaves behind when its function is killed: the run open, 4,000 tokens
    // reserved for the month and the day, its start 20 minutes ago; and an export reserved two hours ago.
    const [run] = await sql<{ id: string }[]>`
      insert into public.agent_runs (user_id, task, model, status, created_at, started_at, reserved_tokens, usage_period, usage_day)
      values (${user.id}, 'task', 'gpt-4o-mini', 'running', now() - interval '20 minutes', now() - interval '20 minutes', 4000, ${month}::date, current_date)
      returning id`;
    await sql`
      insert into public.usage_metrics (user_id, metric_type, period_start, count) values
        (${user.id}, 'runs', ${month}::date, 1), (${user.id}, 'tokens', ${month}::date, 4000),
        (${user.id}, 'daily_tokens', current_date, 4000), (${user.id}, 'exports', ${month}::date, 3)`;
    const [reservation] = await sql<{ id: string }[]>`
      insert into public.usage_reservations (user_id, metric, period_start, reserved_amount, subject, created_at)
      values (${user.id}, 'exports', ${month}::date, 3, 'An export', now() - interval '2 hours') returning id`;

    setEnv({ CRON_SECRET });
    const res = await callRoute(sweep, '/api/cron/sweep-runs', { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(res.status).toBe(200);
    expect(res.json.swept).toBeGreaterThanOrEqual(1);
    expect(res.json.released).toBeGreaterThanOrEqual(1);

    const [closed] = await sql<{ status: string; error: string; completed_at: Date | null }[]>`
      select status, error, completed_at from public.agent_runs where id = ${run!.id}`;
    expect(closed).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
    expect(closed!.completed_at).not.toBeNull();
    const [held] = await sql<{ state: string; settled_amount: string }[]>`select state, settled_amount::text from public.usage_reservations where id = ${reservation!.id}`;
    expect(held).toEqual({ state: 'released', settled_amount: '0' });
    // The run still counts as a run; its tokens and the export come back.
    expect(await usage(user.id)).toEqual({ runs: 1, tokens: 0, daily_tokens: 0, exports: 0 });

    // A second sweep finds nothing more to give back.
    const again = await callRoute(sweep, '/api/cron/sweep-runs', { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(again.status).toBe(200);
    expect(await usage(user.id)).toEqual({ runs: 1, tokens: 0, daily_tokens: 0, exports: 0 });
  });
});

/**
 * Points the app's pool at the database through startDatabaseProxy, and answers the proxy and how
 * to undo it (close the proxy, drop the pool, put DATABASE_URL back). The test's own `sql` keeps
 * its direct connection, so it can look at the rows whatever the proxy does.
 */
async function appDatabaseThroughProxy() {
  const realUrl = process.env.DATABASE_URL!;
  const proxy = await startDatabaseProxy(new URL(realUrl));
  const viaProxy = new URL(realUrl);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  await closePool();
  process.env.DATABASE_URL = viaProxy.toString();
  resetServerEnvForTests();
  return {
    proxy,
    restore: async () => {
      await proxy.close();
      await closePool();
      process.env.DATABASE_URL = realUrl;
      resetServerEnvForTests();
    },
  };
}

describe('the database going away', () => {
  it('/health answers 503 within 2 s and the API the 503 envelope, nothing is written, then it recovers', async () => {
    const user = await createUser('fault-db');
    const { proxy, restore } = await appDatabaseThroughProxy();
    const slug = `fault-db-${user.id.slice(0, 8)}`;
    const organizations = () => sql<{ id: string; members: number }[]>`
      select o.id, (select count(*)::int from public.organization_members m where m.org_id = o.id) as members
      from public.organizations o where o.slug = ${slug}`;
    try {
      expect((await callRoute(getHealth, '/health')).status).toBe(200);
      expect((await callRoute(getMe, '/api/me', { headers: bearer(user) })).status).toBe(200);

      await proxy.down();
      const started = performance.now();
      const health = await callRoute(getHealth, '/health');
      expect(health.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(health.json.checks.database.status).toBe('error');
      const me = await callRoute(getMe, '/api/me', { headers: bearer(user) });
      expect(me.status).toBe(503);
      expect(me.json).toEqual({ error: { code: 'service_unavailable', message: expect.any(String) }, requestId: expect.any(String) });
      expect(me.headers.get('retry-after')).not.toBeNull();
      expect(me.text).not.toContain('postgres://');
      expect(me.text).not.toContain(`:${proxy.port}`);

      // Requests that could not reach the database wrote nothing.
      await proxy.up();
      expect(await organizations()).toEqual([]);
      await proxy.down();
      const refused = await callRoute(postOrganization, '/api/organizations', { method: 'POST', body: { name: 'Fault DB', slug }, headers: bearer(user) });
      expect(refused.status).toBe(503);
      expect(refused.json.error.code).toBe('service_unavailable');
      await proxy.up();
      expect(await organizations()).toEqual([]);

      // Recovered: the same request succeeds, once, whole (the owner's membership with it).
      expect((await callRoute(getHealth, '/health')).status).toBe(200);
      const created = await callRoute(postOrganization, '/api/organizations', { method: 'POST', body: { name: 'Fault DB', slug }, headers: bearer(user) });
      expect(created.status).toBe(201);
      expect(await organizations()).toEqual([{ id: created.json.id, members: 1 }]);
    } finally {
      await restore();
      await sql`delete from public.organizations where slug = ${slug}`;
    }
  });

  // Losing the connection in the middle of a transaction (here: dropped at the organization's
  // insert, after BEGIN and the lock). Unpatched, postgres.js 3.4.9 writes the transaction's ROLLBACK
  // to the closed socket from a timer (an uncaught exception) and puts the dead connection back in
  // the pool; patches/postgres+3.4.9.patch fixes both (tests/integration/postgres-reserved-connection.test.ts).
  it('a write whose connection is cut mid-transaction answers 503 and leaves no half-written rows', async () => {
    const user = await createUser('fault-db-mid');
    const { proxy, restore } = await appDatabaseThroughProxy();
    const slug = `fault-mid-${user.id.slice(0, 8)}`;
    try {
      proxy.cutOnce(/insert into public\.organizations/);
      const cut = await callRoute(postOrganization, '/api/organizations', { method: 'POST', body: { name: 'Fault DB', slug }, headers: bearer(user) });
      expect(proxy.cuts).toBe(1);
      expect(cut.status).toBe(503);
      expect(await sql`select 1 from public.organizations where slug = ${slug}`).toHaveLength(0);
      const again = await callRoute(postOrganization, '/api/organizations', { method: 'POST', body: { name: 'Fault DB', slug }, headers: bearer(user) });
      expect(again.status).toBe(201);
    } finally {
      await restore();
      await sql`delete from public.organizations where slug = ${slug}`;
    }
  });
});
