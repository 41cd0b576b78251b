import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as getHealth } from '@/app/api/health/route';
import { GET as getMe } from '@/app/api/me/route';
import { POST as postRun } from '@/app/api/runs/route';
import { GET as sweep } from '@/app/api/cron/sweep-runs/route';
import { closePool } from '@/lib/db/client';
import { resetServerEnvForTests } from '@/lib/env';
import { logger } from '@/lib/observability/logger';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { ownerSql } from '@/tests/support/database';
import { fakeOpenAIForThisFile, setEnv } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * Faults the runbook's on-call procedures describe, each injected on loopback and each stopping by
 * itself. Covered elsewhere, and not repeated here:
 * - the provider answering 500, refusing connections or timing out: tests/integration/runs.test.ts
 *   ("provider failures end the run as failed with a reason"), reservations given back included;
 * - Stripe failing or unreachable during a webhook: tests/integration/billing-webhook.test.ts
 *   ("a failure while processing": 500 with the attempt recorded, the redelivery applied once);
 * - Upstash refusing, gone, slow or refusing the token, at the limiter: tests/integration/rate-limit-upstash.test.ts;
 * - /health against a database that never answers: tests/integration/health.test.ts.
 */

const sql = ownerSql();
const fake = await fakeOpenAIForThisFile();
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
