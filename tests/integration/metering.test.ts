import { NextRequest } from 'next/server';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as sweep } from '@/app/api/cron/sweep-runs/route';
import { GET as getPlansRoute, POST as postPlans } from '@/app/api/plans/route';
import { POST as postRun } from '@/app/api/runs/route';
import { GET as getDailyUsageRoute } from '@/app/api/usage/daily/route';
import { GET as getUsageRoute } from '@/app/api/usage/route';
import { POST as transcribe } from '@/app/api/voice/transcribe/route';
import { ApiError, errorBody } from '@/lib/api/errors';
import { createSql, type Sql } from '@/lib/db/client';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { resetServerEnvForTests } from '@/lib/env';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { reserveMetric, type ReservableMetric } from '@/lib/usage/reserve-metric';
import { settleReservation } from '@/lib/usage/settle-reservation';
import { METRIC_PERIOD, METRIC_TYPES } from '@/lib/zod/schemas/usage';
import { isEmbedded, ownerSql } from '@/tests/support/database';
import { fakeOpenAIForThisFile, setEnv } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * Metering of every metric (issue 9): the limits come from public.plan_limits alone; each counter
 * moves in one atomic statement; settlement names a reservation the server wrote and can give
 * back at most what it took, once; the daily token cap; voice seconds; the daily maintenance.
 */

const sql = ownerSql();
const fake = await fakeOpenAIForThisFile();
const CRON_SECRET = 'cron-secret-for-metering-tests-0123';

beforeAll(() => {
  // Races of 50 requests from one user; the per-minute rate limits have tests of their own.
  process.env.RATE_LIMIT_SCALE = '100';
  process.env.CRON_SECRET = CRON_SECRET;
  resetServerEnvForTests();
  resetRateLimitsForTests();
});
afterAll(() => {
  delete process.env.RATE_LIMIT_SCALE;
  delete process.env.CRON_SECRET;
  resetServerEnvForTests();
});

const now = new Date();
const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10);
const TODAY = day(0);
const YESTERDAY = day(-1);
const MONTH = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
const RESETS_AT = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
const TOMORROW = `${day(1)}T00:00:00.000Z`;

const INSUFFICIENT_PRIVILEGE = '42501';

async function userOn(tier: 'free' | 'pro' | 'enterprise', prefix = 'metering'): Promise<TestUser> {
  const user = await createUser(`${prefix}-${tier}`);
  await sql`update public.user_profiles set subscription_tier = ${tier} where user_id = ${user.id}`;
  return user;
}

/** Sets a counter directly (the owner bypasses every grant), in the metric's current period unless told. */
async function setCounter(user: TestUser, metric: string, count: number, periodStart?: string) {
  const start = periodStart ?? (metric === 'daily_tokens' ? TODAY : MONTH);
  await sql`
    insert into public.usage_metrics (user_id, metric_type, period_start, count) values (${user.id}, ${metric}, ${start}, ${count})
    on conflict (user_id, metric_type, period_start) do update set count = excluded.count`;
}

async function counter(user: TestUser, metric: string, periodStart?: string): Promise<number | null> {
  const start = periodStart ?? (metric === 'daily_tokens' ? TODAY : MONTH);
  const [row] = await sql<{ count: string }[]>`
    select count::text from public.usage_metrics where user_id = ${user.id} and metric_type = ${metric} and period_start = ${start}`;
  return row ? Number(row.count) : null;
}

async function reservations(user: TestUser) {
  return sql<{ id: string; metric: string; reserved_amount: string; settled_amount: string | null; state: string; subject: string }[]>`
    select id, metric, reserved_amount::text, settled_amount::text, state, subject from public.usage_reservations
    where user_id = ${user.id} order by created_at, id`;
}

/** One statement in its own transaction as the server's role, on a connection of its own (so 50 of them really race). */
let racer: Sql | undefined;
function asServiceRole<T>(statement: (tx: Sql) => Promise<T>): Promise<T> {
  racer ??= createSql(process.env.DATABASE_URL!, isEmbedded() ? 1 : 25);
  return racer.begin(async (tx) => {
    await tx`select set_config('role', 'service_role', true)`;
    return statement(tx as unknown as Sql);
  }) as Promise<T>;
}
afterAll(async () => {
  await racer?.end({ timeout: 5 });
});

async function errorCode(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof postgres.PostgresError) return error.code;
    throw error;
  }
}

const asUser = <T>(user: TestUser, fn: Parameters<typeof withUserTransaction<T>>[1]) => withUserTransaction({ sub: user.id, role: 'authenticated' }, fn);

const run = (user: TestUser, body: object = { task: 'Draft a tweet', outputType: 'content' }) =>
  callRoute(postRun, '/api/runs', { method: 'POST', body, headers: bearer(user) });

function recording(durationSeconds: string | null, name = 'memo.webm'): FormData {
  const form = new FormData();
  form.append('audio', new File([new Uint8Array(2048).fill(7)], name, { type: 'audio/webm' }));
  if (durationSeconds !== null) form.append('durationSeconds', durationSeconds);
  return form;
}

async function upload(user: TestUser, form: FormData) {
  const req = new NextRequest('http://localhost:3000/api/voice/transcribe', { method: 'POST', headers: bearer(user), body: form });
  const response = await transcribe(req, { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const transcriptions = () => fake.requests.filter((request) => request.path === '/v1/audio/transcriptions');

// ---------------------------------------------------------------------------------------------

describe('public.plan_limits, the one place the limits are defined', () => {
  it('holds every tier × metric once, each metric with one period (the one the code expects)', async () => {
    const rows = await sql<{ tier: string; metric: string; period: string; quota: string | null }[]>`
      select tier, metric, period, quota::text from public.plan_limits order by tier, metric`;
    expect(rows).toHaveLength(3 * METRIC_TYPES.length);
    for (const metric of METRIC_TYPES) {
      const periods = new Set(rows.filter((row) => row.metric === metric).map((row) => row.period));
      expect([...periods], metric).toEqual([METRIC_PERIOD[metric]]);
    }
  });

  it('the counters’ functions read it: a limit changed in the table is the limit enforced, and an unknown tier gets free’s', async () => {
    const user = await userOn('pro');
    const outcome = await sql
      .begin(async (tx) => {
        await tx`update public.plan_limits set quota = 2 where tier = 'pro' and metric = 'exports'`;
        const answers = [];
        for (let attempt = 0; attempt < 3; attempt += 1) {
          const [row] = await tx<{ ok: boolean; quota: string }[]>`
            select ok, quota::text from private.reserve_metric(${user.id}, 'exports', 1, 'probe')`;
          answers.push(row);
        }
        const [fallback] = await tx<{ unknown: string; none: string }[]>`
          select private.usage_limit('platinum', 'runs')::text as unknown, private.usage_limit(null, 'tokens')::text as none`;
        throw Object.assign(new Error('roll back'), { answers, fallback });
      })
      .catch((error: { answers: unknown; fallback: unknown }) => error);
    expect(outcome.answers).toEqual([
      { ok: true, quota: '2' },
      { ok: true, quota: '2' },
      { ok: false, quota: '2' },
    ]);
    expect(outcome.fallback).toEqual({ unknown: '100', none: '100000' });
    expect(await counter(user, 'exports')).toBeNull();
  });

  it('GET /api/plans serves it to anyone, signed in or not, in the order of the tiers and metrics', async () => {
    const res = await callRoute(getPlansRoute, '/api/plans');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const rows = await sql<{ tier: string; metric: string; period: string; quota: string | null }[]>`select tier, metric, period, quota::text from public.plan_limits`;
    const limitOf = (tier: string, metric: string) => rows.find((row) => row.tier === tier && row.metric === metric)!;
    expect(res.json).toEqual(
      ['free', 'pro', 'enterprise'].map((tier) => ({
        tier,
        limits: METRIC_TYPES.map((metric) => {
          const row = limitOf(tier, metric);
          return { metricType: metric, period: row.period, limit: row.quota === null ? null : Number(row.quota) };
        }),
      })),
    );
    expect(res.json[1]).toEqual({
      tier: 'pro',
      limits: [
        { metricType: 'runs', period: 'month', limit: 1000 },
        { metricType: 'tokens', period: 'month', limit: 1_000_000 },
        { metricType: 'daily_tokens', period: 'day', limit: 200_000 },
        { metricType: 'templates', period: 'month', limit: 100 },
        { metricType: 'exports', period: 'month', limit: 50 },
        { metricType: 'voice_seconds', period: 'month', limit: 7200 },
      ],
    });
    expect((await callRoute(postPlans, '/api/plans', { method: 'POST', body: {} })).status).toBe(405);
  });
});

// ---------------------------------------------------------------------------------------------

interface RaceCase {
  metric: string;
  tier: 'free' | 'pro';
  limit: number;
  /** Other counters that must have room, so only `metric` is the last unit. */
  room?: Record<string, number>;
  attempt: (user: TestUser) => Promise<{ ok: boolean; metric: string }>;
}

const reserveUsage = (tokens: number) => (user: TestUser) =>
  asServiceRole(async (tx) => {
    const rows = await tx<{ ok: boolean; metric: string }[]>`select ok, metric from private.reserve_usage(${user.id}, ${tokens})`;
    return rows.find((row) => !row.ok) ?? { ok: true, metric: 'all' };
  });

/** The TS entry point inside a user's transaction, as a route calls it. */
const reserveThroughApp = (metricType: ReservableMetric) => async (user: TestUser) => {
  try {
    await asUser(user, (tx) => reserveMetric(tx, { userId: user.id, metricType, amount: 1, subject: 'race' }));
    return { ok: true, metric: metricType };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'limit_exceeded') return { ok: false, metric: String(error.extra?.metricType) };
    throw error;
  }
};

const RACES: RaceCase[] = [
  { metric: 'runs', tier: 'free', limit: 100, attempt: reserveUsage(0) },
  { metric: 'tokens', tier: 'free', limit: 100_000, attempt: reserveUsage(1) },
  { metric: 'daily_tokens', tier: 'pro', limit: 200_000, attempt: reserveUsage(1) },
  { metric: 'templates', tier: 'free', limit: 10, attempt: reserveThroughApp('templates') },
  { metric: 'exports', tier: 'free', limit: 5, attempt: reserveThroughApp('exports') },
  { metric: 'voice_seconds', tier: 'pro', limit: 7200, attempt: reserveThroughApp('voice_seconds') },
];

describe.skipIf(isEmbedded())('50 parallel reservations with one unit left (PostgreSQL only: the embedded database serves one session)', () => {
  it.each(RACES)('$metric: exactly one is admitted and the counter stops at the limit', async ({ metric, tier, limit, attempt }) => {
    const user = await userOn(tier, 'race');
    await setCounter(user, metric, limit - 1);
    const results = await Promise.all(Array.from({ length: 50 }, () => attempt(user)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.metric === metric)).toHaveLength(49);
    expect(await counter(user, metric)).toBe(limit);
    if (metric === 'tokens' || metric === 'daily_tokens') {
      // The refused ones gave their run (and the month's tokens) back: one run counted.
      expect(await counter(user, 'runs')).toBe(1);
    }
    if (['templates', 'exports', 'voice_seconds'].includes(metric)) {
      expect((await reservations(user)).map((row) => [row.metric, row.state, row.reserved_amount])).toEqual([[metric, 'held', '1']]);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('the 429 of every metric', () => {
  const body = (fields: Record<string, unknown>) => ({ ...fields, requestId: expect.any(String) });

  it('runs, through POST /api/runs', async () => {
    const user = await userOn('free');
    await setCounter(user, 'runs', 100);
    const res = await run(user);
    expect(res.status).toBe(429);
    expect(res.json).toEqual(
      body({
        error: { code: 'limit_exceeded', message: `You have used all 100 runs of this month. The limit resets on ${RESETS_AT.slice(0, 10)}.` },
        current: 100,
        limit: 100,
        remaining: 0,
        metricType: 'runs',
        resetsAt: RESETS_AT,
      }),
    );
  });

  it('tokens, through POST /api/runs', async () => {
    const user = await userOn('free');
    await setCounter(user, 'tokens', 99_500);
    const res = await run(user);
    expect(res.status).toBe(429);
    const reserved = /may use up to ([\d,]+) tokens/.exec(res.json.error.message)?.[1];
    expect(reserved).toBeDefined();
    expect(res.json).toEqual(
      body({
        error: {
          code: 'limit_exceeded',
          message:
            `This run may use up to ${reserved} tokens and 500 of your 100,000 tokens are left this month. ` +
            `Shorten the task or start a new conversation (earlier turns count too), lower the answer budget (inputFilter.maxTokens in the API), or wait until ${RESETS_AT.slice(0, 10)}, when the limit resets.`,
        },
        current: 99_500,
        limit: 100_000,
        remaining: 500,
        metricType: 'tokens',
        resetsAt: RESETS_AT,
      }),
    );
  });

  it('daily_tokens, through POST /api/runs: a run that fits the month but not today is refused, and nothing is counted', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'runs', 10);
    await setCounter(user, 'tokens', 300_000);
    await setCounter(user, 'daily_tokens', 199_000);
    const res = await run(user);
    expect(res.status).toBe(429);
    const reserved = /may use up to ([\d,]+) tokens/.exec(res.json.error.message)?.[1];
    expect(reserved).toBeDefined();
    expect(res.json).toEqual(
      body({
        error: {
          code: 'limit_exceeded',
          message:
            `This run may use up to ${reserved} tokens and 1,000 of your plan's daily cap of 200,000 tokens are left today. ` +
            `Shorten the task or start a new conversation (earlier turns count too), lower the answer budget (inputFilter.maxTokens in the API), or wait until ${TOMORROW.slice(0, 10)} (UTC), when the daily cap resets.`,
        },
        current: 199_000,
        limit: 200_000,
        remaining: 1000,
        metricType: 'daily_tokens',
        resetsAt: TOMORROW,
      }),
    );
    expect([await counter(user, 'runs'), await counter(user, 'tokens'), await counter(user, 'daily_tokens')]).toEqual([10, 300_000, 199_000]);
    expect(await sql`select 1 from public.agent_runs where user_id = ${user.id}`).toHaveLength(0);
  });

  it('voice_seconds, through POST /api/voice/transcribe: refused before the provider hears anything', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'voice_seconds', 7198);
    const res = await upload(user, recording('4.5'));
    expect(res.status).toBe(429);
    expect(res.json).toEqual(
      body({
        error: {
          code: 'limit_exceeded',
          message: `This recording needs 5 s of voice input and 2 s of your 120 min are left this month. Record a shorter one or type the task; the limit resets on ${RESETS_AT.slice(0, 10)}.`,
        },
        current: 7198,
        limit: 7200,
        remaining: 2,
        metricType: 'voice_seconds',
        resetsAt: RESETS_AT,
      }),
    );
    expect(transcriptions()).toHaveLength(0);
    expect(await reservations(user)).toEqual([]);
  });

  it.each([
    { metricType: 'templates' as const, limit: 10, message: 'You have used all 10 templates of this month.' },
    { metricType: 'exports' as const, limit: 5, message: 'You have used all 5 exports of this month.' },
  ])('$metricType, through the entry point its routes will call', async ({ metricType, limit, message }) => {
    const user = await userOn('free');
    await setCounter(user, metricType, limit);
    const error = await asUser(user, (tx) => reserveMetric(tx, { userId: user.id, metricType, amount: 1, subject: 'probe' })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect(errorBody(error as ApiError, 'request-1')).toEqual({
      error: { code: 'limit_exceeded', message: `${message} The limit resets on ${RESETS_AT.slice(0, 10)}.` },
      current: limit,
      limit,
      remaining: 0,
      metricType,
      resetsAt: RESETS_AT,
      requestId: 'request-1',
    });
    expect(await reservations(user)).toEqual([]);
    expect(await counter(user, metricType)).toBe(limit);
  });

  it('an action larger than what is left is named with both numbers', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'exports', 47);
    const error = (await asUser(user, (tx) => reserveMetric(tx, { userId: user.id, metricType: 'exports', amount: 4, subject: 'a batch' })).catch(
      (caught: unknown) => caught,
    )) as ApiError;
    expect(error.message).toBe(`This needs 4 exports and 3 of your 50 are left this month. The limit resets on ${RESETS_AT.slice(0, 10)}.`);
    expect(error.extra).toMatchObject({ current: 47, limit: 50, remaining: 3 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('settling a reservation', () => {
  async function reserve(user: TestUser, metricType: ReservableMetric, amount: number) {
    return asUser(user, (tx) => reserveMetric(tx, { userId: user.id, metricType, amount, subject: 'Export of 3 templates' }));
  }

  it('gives back at most what the reservation took, once; a second settlement changes nothing', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'exports', 10);
    const { id } = await reserve(user, 'exports', 3);
    expect(await counter(user, 'exports')).toBe(13);

    expect(await asUser(user, (tx) => settleReservation(tx, { id, used: 1 }))).toBe(true);
    expect(await counter(user, 'exports')).toBe(11);
    expect(await asUser(user, (tx) => settleReservation(tx, { id, used: 0 }))).toBe(false);
    expect(await asServiceRole((tx) => tx`select private.settle_reservation(${id}, 0) as settled`)).toEqual([{ settled: false }]);
    expect(await counter(user, 'exports')).toBe(11);
    expect(await reservations(user)).toEqual([
      { id, metric: 'exports', reserved_amount: '3', settled_amount: '1', state: 'settled', subject: 'Export of 3 templates' },
    ]);
  });

  it('a settlement claiming more than was reserved keeps only the reservation counted', async () => {
    const user = await userOn('pro');
    const { id } = await reserve(user, 'exports', 2);
    expect(await asServiceRole((tx) => tx`select private.settle_reservation(${id}, 1000000) as settled`)).toEqual([{ settled: true }]);
    expect(await counter(user, 'exports')).toBe(2);
    expect((await reservations(user))[0]).toMatchObject({ settled_amount: '2', state: 'settled' });
  });

  it('a release gives everything back but never takes the counter below zero', async () => {
    const user = await userOn('pro');
    const { id } = await reserve(user, 'templates', 5);
    // Lowered by hand below what the reservation holds.
    await setCounter(user, 'templates', 2);
    expect(await asUser(user, (tx) => settleReservation(tx, { id, used: 0 }))).toBe(true);
    expect(await counter(user, 'templates')).toBe(0);
    expect((await reservations(user))[0]).toMatchObject({ settled_amount: '0', state: 'released' });
  });

  it('a reservation that does not exist settles nothing', async () => {
    expect(await asServiceRole((tx) => tx`select private.settle_reservation(gen_random_uuid(), 0) as settled`)).toEqual([{ settled: false }]);
  });

  it('refuses metrics that are reserved by opening a run, and bad amounts', async () => {
    const user = await userOn('pro');
    for (const statement of [
      (tx: Sql) => tx`select * from private.reserve_metric(${user.id}, 'tokens', 1, 'x')`,
      (tx: Sql) => tx`select * from private.reserve_metric(${user.id}, 'exports', 0, 'x')`,
      (tx: Sql) => tx`select * from private.reserve_metric(${user.id}, 'exports', 1, '')`,
      (tx: Sql) => tx`select private.settle_reservation(gen_random_uuid(), -1)`,
    ]) {
      expect(await errorCode(asServiceRole(statement))).toBe('22023');
    }
    expect(await counter(user, 'exports')).toBeNull();
  });
});

describe('who may call and write what', () => {
  const INTERNAL = [
    (userId: string) => `select private.give_back_usage('${userId}', 'runs', current_date, 1)`,
    (userId: string) => `select private.take_usage('${userId}', 'runs', current_date, 1, null)`,
    (userId: string) => `select private.settle_usage_counter('${userId}', 'tokens', current_date, 10, 0)`,
    (userId: string) => `select private.usage_count('${userId}', 'runs', current_date)`,
  ];
  const SERVER_ONLY = [
    (userId: string) => `select * from private.reserve_metric('${userId}', 'exports', 1, 'x')`,
    () => `select * from private.extend_reservation(gen_random_uuid(), 1)`,
    () => `select private.settle_reservation(gen_random_uuid(), 0)`,
    () => `select * from private.release_stale_reservations()`,
  ];

  it('the give-back and take functions are executable by no role, not even the server’s', async () => {
    const user = await userOn('free');
    await setCounter(user, 'runs', 7);
    for (const statement of INTERNAL) {
      expect(await errorCode(asServiceRole((tx) => tx.unsafe(statement(user.id)))), statement(user.id)).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await errorCode(asUser(user, (tx) => tx.unsafe(statement(user.id)))), statement(user.id)).toBe(INSUFFICIENT_PRIVILEGE);
    }
    expect(await counter(user, 'runs')).toBe(7);
  });

  it('a user’s session can call none of the reservation functions; the server’s role can', async () => {
    const user = await userOn('pro');
    for (const statement of SERVER_ONLY) {
      expect(await errorCode(asUser(user, (tx) => tx.unsafe(statement(user.id)))), statement(user.id)).toBe(INSUFFICIENT_PRIVILEGE);
    }
    expect(await errorCode(asServiceRole((tx) => tx.unsafe(SERVER_ONLY[0]!(user.id))))).toBeNull();
  });

  it('neither a user nor the server’s role can write usage_reservations, usage_metrics or plan_limits directly', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'exports', 1);
    const { id } = await asUser(user, (tx) => reserveMetric(tx, { userId: user.id, metricType: 'exports', amount: 1, subject: 'probe' }));
    const writes = [
      `insert into public.usage_reservations (user_id, metric, period_start, reserved_amount, subject) values ('${user.id}', 'exports', current_date, 1, 'x')`,
      `update public.usage_reservations set state = 'released', settled_amount = 0, settled_at = now() where id = '${id}'`,
      `delete from public.usage_reservations where id = '${id}'`,
      `insert into public.usage_metrics (user_id, metric_type, period_start, count) values ('${user.id}', 'exports', '2020-01-01', 0)`,
      `update public.usage_metrics set count = 0 where user_id = '${user.id}'`,
      `delete from public.usage_metrics where user_id = '${user.id}'`,
      `insert into public.plan_limits (tier, metric, period, quota) values ('pro', 'runs', 'month', 1)`,
      `update public.plan_limits set quota = null`,
      `delete from public.plan_limits`,
    ];
    for (const write of writes) {
      expect(await errorCode(asUser(user, (tx) => tx.unsafe(write))), `user: ${write}`).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await errorCode(asServiceRole((tx) => tx.unsafe(write))), `service_role: ${write}`).toBe(INSUFFICIENT_PRIVILEGE);
    }
    expect(await counter(user, 'exports')).toBe(2);
    expect((await reservations(user)).map((row) => row.state)).toEqual(['held']);
  });

  it('a user reads their own reservations and nobody else’s', async () => {
    const owner = await userOn('pro');
    const other = await userOn('pro');
    await asUser(owner, (tx) => reserveMetric(tx, { userId: owner.id, metricType: 'exports', amount: 1, subject: 'mine' }));
    expect(await asUser(owner, (tx) => tx`select subject from public.usage_reservations`)).toEqual([{ subject: 'mine' }]);
    expect(await asUser(other, (tx) => tx`select subject from public.usage_reservations`)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the daily token cap', () => {
  it('a new UTC day starts fresh: yesterday’s full cap does not refuse today’s run, and the run counts today', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'daily_tokens', 200_000, YESTERDAY);
    expect((await run(user)).status).toBe(200);
    expect(await counter(user, 'daily_tokens', YESTERDAY)).toBe(200_000);
    expect(await counter(user, 'daily_tokens')).toBe(1380);
    const [stored] = await sql<{ usage_day: string; usage_period: string }[]>`
      select usage_day::text, usage_period::text from public.agent_runs where user_id = ${user.id}`;
    expect(stored).toEqual({ usage_day: TODAY, usage_period: MONTH });
  });

  it('a run settles the daily counter of the day it reserved in, not today’s', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'daily_tokens', 5000, YESTERDAY);
    await setCounter(user, 'daily_tokens', 700);
    await setCounter(user, 'tokens', 9000);
    const [opened] = await sql<{ id: string }[]>`
      insert into public.agent_runs (user_id, task, model, status, reserved_tokens, usage_period, usage_day)
      values (${user.id}, 'straddles midnight', 'gpt-4o-mini', 'running', 1000, ${MONTH}, ${YESTERDAY}) returning id`;
    const [settled] = await asServiceRole((tx) => tx`select private.finish_run(${opened!.id}, 'succeeded', '{}'::jsonb, null, 80, 0, 20, 0, 5) as finished`);
    expect(settled).toEqual({ finished: true });
    expect(await counter(user, 'daily_tokens', YESTERDAY)).toBe(4100);
    expect(await counter(user, 'daily_tokens')).toBe(700);
    expect(await counter(user, 'tokens')).toBe(8100);
  });

  it('a run that used more than it reserved counts all of it, month and day', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'tokens', 1000);
    await setCounter(user, 'daily_tokens', 1000);
    const [opened] = await sql<{ id: string }[]>`
      insert into public.agent_runs (user_id, task, model, status, reserved_tokens, usage_period, usage_day)
      values (${user.id}, 'long prompt', 'gpt-4o-mini', 'running', 1000, ${MONTH}, ${TODAY}) returning id`;
    await asServiceRole((tx) => tx`select private.finish_run(${opened!.id}, 'succeeded', '{}'::jsonb, null, 1100, 0, 150, 0, 5)`);
    expect([await counter(user, 'tokens'), await counter(user, 'daily_tokens')]).toEqual([1250, 1250]);
  });

  it('GET /api/usage names the daily cap when it would stop a run', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'daily_tokens', 197_000);
    const res = await callRoute(getUsageRoute, '/api/usage', { headers: bearer(user) });
    expect(res.json.limitReason).toEqual({
      metricType: 'daily_tokens',
      message:
        "3,000 of your plan's daily cap of 200,000 tokens are left today, less than the 4,096 tokens a run reserves for its answer by default (its prompt comes on top). " +
        `Shorten the task or start a new conversation (earlier turns count too), lower the answer budget (inputFilter.maxTokens in the API), or wait until ${TOMORROW.slice(0, 10)} (UTC), when the daily cap resets.`,
    });
    const refusal = await run(user);
    expect(refusal.json).toMatchObject({ metricType: 'daily_tokens', remaining: 3000 });
  });
});

// ---------------------------------------------------------------------------------------------

describe('voice seconds, metered in POST /api/voice/transcribe', () => {
  it('reserves the declared length, settles with the measured one, and records what it was for', async () => {
    const user = await userOn('pro');
    const res = await upload(user, recording('30'));
    expect(res).toEqual({ status: 200, json: { text: 'Draft a launch email for our beta users.' } });
    // whisper-1 answers verbose_json with duration 4.2: 5 whole seconds, the 25 not used come back.
    expect(transcriptions()[0]!.body).toMatchObject({ model: 'whisper-1', response_format: 'verbose_json' });
    expect(await counter(user, 'voice_seconds')).toBe(5);
    expect(await reservations(user)).toEqual([
      { id: expect.any(String), metric: 'voice_seconds', reserved_amount: '30', settled_amount: '5', state: 'settled', subject: 'Transcription of memo.webm' },
    ]);
  });

  it('a recording measured longer than declared takes the difference when it fits', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'voice_seconds', 100);
    fake.transcriptDuration = 9.5;
    const res = await upload(user, recording('3'));
    expect(res.status).toBe(200);
    expect(await counter(user, 'voice_seconds')).toBe(110);
    expect((await reservations(user))[0]).toMatchObject({ reserved_amount: '10', settled_amount: '10', state: 'settled' });
  });

  it('when the difference does not fit, the transcript is withheld (429) and the declared seconds stay counted', async () => {
    const user = await userOn('pro');
    await setCounter(user, 'voice_seconds', 7195);
    fake.transcriptDuration = 9.5;
    const res = await upload(user, recording('3'));
    expect(res.status).toBe(429);
    expect(res.json).toEqual({
      error: {
        code: 'limit_exceeded',
        message: `This recording was 7 s longer than its declared length, and only 2 s of your 120 min of voice input are left this month, so its transcript is withheld. Record a shorter one or type the task; the limit resets on ${RESETS_AT.slice(0, 10)}.`,
      },
      current: 7198,
      limit: 7200,
      remaining: 2,
      metricType: 'voice_seconds',
      resetsAt: RESETS_AT,
      requestId: expect.any(String),
    });
    expect(JSON.stringify(res.json)).not.toContain('Draft a launch email');
    expect(await counter(user, 'voice_seconds')).toBe(7198);
    expect((await reservations(user))[0]).toMatchObject({ reserved_amount: '3', settled_amount: '3', state: 'settled' });
  });

  it('with no duration reported (gpt-4o transcription models answer json only), the declared length is what counts', async () => {
    setEnv({ OPENAI_TRANSCRIBE_MODEL: 'gpt-4o-mini-transcribe' });
    const user = await userOn('enterprise');
    const res = await upload(user, recording('12.2'));
    expect(res.status).toBe(200);
    expect(transcriptions()[0]!.body).toMatchObject({ model: 'gpt-4o-mini-transcribe', response_format: 'json' });
    expect(await counter(user, 'voice_seconds')).toBe(13);

    setEnv({ OPENAI_TRANSCRIBE_MODEL: undefined });
    fake.transcriptDuration = null;
    expect((await upload(user, recording('2'))).status).toBe(200);
    expect(await counter(user, 'voice_seconds')).toBe(15);
  });

  it('a failed transcription gives the reservation back', async () => {
    const user = await userOn('pro');
    fake.transcriptionFailure = 500;
    const res = await upload(user, recording('20'));
    expect(res.status).toBe(503);
    expect(await counter(user, 'voice_seconds')).toBe(0);
    expect((await reservations(user))[0]).toMatchObject({ reserved_amount: '20', settled_amount: '0', state: 'released' });
  });

  it.each([
    { name: 'no durationSeconds', durationSeconds: null, message: /^durationSeconds: send the recording's length in seconds/ },
    { name: 'a length that is not a number', durationSeconds: 'long', message: /^durationSeconds: must be the recording's length in seconds/ },
    { name: 'a length of 0', durationSeconds: '0', message: /^durationSeconds: must be the recording's length in seconds/ },
    { name: 'a length over 10 minutes', durationSeconds: '600.5', message: /^durationSeconds: a recording may be at most 10 minutes \(600 s\)/ },
  ])('$name → 400, nothing reserved or sent on', async ({ durationSeconds, message }) => {
    const user = await userOn('pro');
    const res = await upload(user, recording(durationSeconds));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(message) });
    expect(transcriptions()).toHaveLength(0);
    expect(await reservations(user)).toEqual([]);
  });

  it('exactly 10 minutes is accepted', async () => {
    const user = await userOn('pro');
    fake.transcriptDuration = 600;
    expect((await upload(user, recording('600'))).status).toBe(200);
    expect(await counter(user, 'voice_seconds')).toBe(600);
  });

  it('free accounts get premium_required before anything is read or reserved (their limit is 0)', async () => {
    const user = await userOn('free');
    const res = await upload(user, recording('5'));
    expect(res.status).toBe(403);
    expect(res.json.error).toEqual({ code: 'premium_required', message: 'Voice input is a premium feature: upgrade to Pro or Enterprise to dictate tasks.' });
    expect(transcriptions()).toHaveLength(0);
    expect(await reservations(user)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('GET /api/usage and /api/usage/daily for a user with known activity', () => {
  let user: TestUser;

  beforeAll(async () => {
    user = await userOn('pro', 'activity');
    // Today: a run (1,380 tokens), a transcription (5 s), an export settled at 1 of 2, a template held.
    expect((await run(user)).status).toBe(200);
    expect((await upload(user, recording('5'))).status).toBe(200);
    const exportReservation = await asUser(user, (tx) => reserveMetric(tx, { userId: user.id, metricType: 'exports', amount: 2, subject: 'CSV export' }));
    await asUser(user, (tx) => settleReservation(tx, { id: exportReservation.id, used: 1 }));
    await asUser(user, (tx) => reserveMetric(tx, { userId: user.id, metricType: 'templates', amount: 2, subject: 'Two customisations' }));
    // Yesterday: a finished run, the day's token counter, an export settled at 3 and one released.
    await sql`
      insert into public.agent_runs (user_id, task, model, status, input_tokens, output_tokens, created_at, usage_period, usage_day)
      values (${user.id}, 'yesterday', 'gpt-4o-mini', 'succeeded', 100, 20, ${`${YESTERDAY}T12:00:00Z`}, ${MONTH}, ${YESTERDAY})`;
    await setCounter(user, 'daily_tokens', 120, YESTERDAY);
    await sql`
      insert into public.usage_reservations (user_id, metric, period_start, reserved_amount, settled_amount, state, subject, created_at, settled_at)
      values (${user.id}, 'exports', ${MONTH}, 3, 3, 'settled', 'JSON export', ${`${YESTERDAY}T08:00:00Z`}, ${`${YESTERDAY}T08:00:01Z`}),
             (${user.id}, 'exports', ${MONTH}, 4, 0, 'released', 'Failed export', ${`${YESTERDAY}T09:00:00Z`}, ${`${YESTERDAY}T09:00:01Z`}),
             (${user.id}, 'exports', ${MONTH}, 9, 9, 'settled', 'Long ago', '2020-01-01T00:00:00Z', '2020-01-01T00:00:01Z')`;
  });

  it('GET /api/usage shows every metric: used, reserved by actions in progress, limit and what is left', async () => {
    const res = await callRoute(getUsageRoute, '/api/usage', { headers: bearer(user) });
    expect(res.status).toBe(200);
    // The export and the run of yesterday were counted by hand only where this test wrote counters.
    expect(res.json.metrics).toEqual([
      { metricType: 'runs', period: 'month', current: 1, used: 1, reserved: 0, limit: 1000, remaining: 999, resetsAt: RESETS_AT, reason: null },
      { metricType: 'tokens', period: 'month', current: 1380, used: 1380, reserved: 0, limit: 1_000_000, remaining: 998_620, resetsAt: RESETS_AT, reason: null },
      { metricType: 'daily_tokens', period: 'day', current: 1380, used: 1380, reserved: 0, limit: 200_000, remaining: 198_620, resetsAt: TOMORROW, reason: null },
      { metricType: 'templates', period: 'month', current: 2, used: 0, reserved: 2, limit: 100, remaining: 98, resetsAt: RESETS_AT, reason: null },
      { metricType: 'exports', period: 'month', current: 1, used: 1, reserved: 0, limit: 50, remaining: 49, resetsAt: RESETS_AT, reason: null },
      { metricType: 'voice_seconds', period: 'month', current: 5, used: 5, reserved: 0, limit: 7200, remaining: 7195, resetsAt: RESETS_AT, reason: null },
    ]);
    expect(res.json).toMatchObject({ tier: 'pro', periodStart: `${MONTH}T00:00:00.000Z`, resetsAt: RESETS_AT, runsInProgress: 0, limitReason: null });
  });

  it('GET /api/usage/daily gives every metric per UTC day, oldest first, zero-filled', async () => {
    const res = await callRoute(getDailyUsageRoute, '/api/usage/daily?days=3', { headers: bearer(user) });
    expect(res.status).toBe(200);
    const dayBefore = day(-2);
    const points = (values: [number, number, number]) => [
      { date: dayBefore, value: values[0] },
      { date: YESTERDAY, value: values[1] },
      { date: TODAY, value: values[2] },
    ];
    expect(res.json).toEqual({
      from: dayBefore,
      to: TODAY,
      series: [
        { metricType: 'runs', points: points([0, 1, 1]) },
        { metricType: 'tokens', points: points([0, 120, 1380]) },
        { metricType: 'daily_tokens', points: points([0, 120, 1380]) },
        { metricType: 'templates', points: points([0, 0, 2]) },
        { metricType: 'exports', points: points([0, 3, 1]) },
        { metricType: 'voice_seconds', points: points([0, 0, 5]) },
      ],
    });
  });

  it('GET /api/usage/daily defaults to 30 days and takes 1 to 90', async () => {
    const standard = await callRoute(getDailyUsageRoute, '/api/usage/daily', { headers: bearer(user) });
    expect(standard.json).toMatchObject({ from: day(-29), to: TODAY });
    expect(standard.json.series.map((series: { points: unknown[] }) => series.points.length)).toEqual([30, 30, 30, 30, 30, 30]);
    expect((await callRoute(getDailyUsageRoute, '/api/usage/daily?days=90', { headers: bearer(user) })).json.from).toBe(day(-89));
    for (const days of ['0', '91', '2.5', 'week']) {
      const res = await callRoute(getDailyUsageRoute, `/api/usage/daily?days=${days}`, { headers: bearer(user) });
      expect(res.status, days).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/^days: /) });
    }
    expect((await callRoute(getDailyUsageRoute, '/api/usage/daily?from=2026-01-01', { headers: bearer(user) })).status).toBe(400);
  });

  it('shows only the caller’s use', async () => {
    const other = await userOn('pro', 'activity-other');
    const res = await callRoute(getDailyUsageRoute, '/api/usage/daily?days=3', { headers: bearer(other) });
    expect(res.json.series.every((series: { points: { value: number }[] }) => series.points.every((point) => point.value === 0))).toBe(true);
    expect((await callRoute(getDailyUsageRoute, '/api/usage/daily')).status).toBe(401);
  });
});

// ---------------------------------------------------------------------------------------------

describe('the daily maintenance', () => {
  it('releases reservations still held after an hour and leaves newer ones alone', async () => {
    const user = await userOn('pro');
    const stale = await asUser(user, (tx) => reserveMetric(tx, { userId: user.id, metricType: 'voice_seconds', amount: 40, subject: 'killed mid-transcription' }));
    const fresh = await asUser(user, (tx) => reserveMetric(tx, { userId: user.id, metricType: 'voice_seconds', amount: 7, subject: 'in progress' }));
    await sql`update public.usage_reservations set created_at = now() - interval '61 minutes' where id = ${stale.id}`;
    expect(await counter(user, 'voice_seconds')).toBe(47);

    const res = await callRoute(sweep, '/api/cron/sweep-runs', { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    expect(res.status).toBe(200);
    expect(res.json.released).toBeGreaterThanOrEqual(1);
    expect(await counter(user, 'voice_seconds')).toBe(7);
    const states = Object.fromEntries((await reservations(user)).map((row) => [row.id, row.state]));
    expect(states).toEqual({ [stale.id]: 'released', [fresh.id]: 'held' });
  });
});
