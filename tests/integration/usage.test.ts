import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postRun } from '@/app/api/runs/route';
import { GET as getUsage } from '@/app/api/usage/route';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { resetServerEnvForTests } from '@/lib/env';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { isEmbedded, ownerSql } from '@/tests/support/database';
import { fakeOpenAIForThisFile } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/** Monthly limits: reserved before a run in one atomic statement per counter, settled after it. */

const sql = ownerSql();
const fake = await fakeOpenAIForThisFile();

// These tests race 50 runs from one user at the monthly limit; the per-minute rate limit (20 runs)
// is another guard with tests of its own, so it is scaled out of the way here.
beforeAll(() => {
  process.env.RATE_LIMIT_SCALE = '100';
  resetServerEnvForTests();
  resetRateLimitsForTests();
});
afterAll(() => {
  delete process.env.RATE_LIMIT_SCALE;
  resetServerEnvForTests();
});

const now = new Date();
const PERIOD_START = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
const RESETS_AT = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
const TOMORROW = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString();

async function setUsage(user: TestUser, metric: 'runs' | 'tokens', count: number) {
  await sql`
    insert into public.usage_metrics (user_id, metric_type, period_start, count)
    values (${user.id}, ${metric}, private.usage_period_start(), ${count})
    on conflict (user_id, metric_type, period_start) do update set count = excluded.count`;
}

async function setTier(user: TestUser, tier: string) {
  await sql`update public.user_profiles set subscription_tier = ${tier} where user_id = ${user.id}`;
}

/** The user's counters of the current periods: this month's, and today's for the daily cap. */
async function counters(user: TestUser) {
  const rows = await sql<{ metric_type: string; count: string }[]>`
    select metric_type, count::text from public.usage_metrics
    where user_id = ${user.id} and period_start = private.period_start(case metric_type when 'daily_tokens' then 'day' else 'month' end)`;
  return Object.fromEntries(rows.map((row) => [row.metric_type, Number(row.count)]));
}

const run = (user: TestUser, body: object = { task: 'Draft a tweet', outputType: 'content' }) =>
  callRoute(postRun, '/api/runs', { method: 'POST', body, headers: bearer(user) });
const usage = (user: TestUser) => callRoute(getUsage, '/api/usage', { headers: bearer(user) });

describe('GET /api/usage', () => {
  it('shows a new free account at zero with the free limits and the reset date', async () => {
    const user = await createUser('usage-new');
    const res = await usage(user);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      tier: 'free',
      periodStart: PERIOD_START,
      resetsAt: RESETS_AT,
      runsInProgress: 0,
      metrics: [
        { metricType: 'runs', period: 'month', current: 0, used: 0, reserved: 0, limit: 100, remaining: 100, resetsAt: RESETS_AT, reason: null },
        { metricType: 'tokens', period: 'month', current: 0, used: 0, reserved: 0, limit: 100_000, remaining: 100_000, resetsAt: RESETS_AT, reason: null },
        { metricType: 'daily_tokens', period: 'day', current: 0, used: 0, reserved: 0, limit: null, remaining: null, resetsAt: TOMORROW, reason: null },
        { metricType: 'templates', period: 'month', current: 0, used: 0, reserved: 0, limit: 10, remaining: 10, resetsAt: RESETS_AT, reason: null },
        { metricType: 'exports', period: 'month', current: 0, used: 0, reserved: 0, limit: 5, remaining: 5, resetsAt: RESETS_AT, reason: null },
        {
          metricType: 'voice_seconds',
          period: 'month',
          current: 0,
          used: 0,
          reserved: 0,
          limit: 0,
          remaining: 0,
          resetsAt: RESETS_AT,
          reason: 'Voice input is a premium feature: upgrade to Pro or Enterprise to dictate tasks.',
        },
      ],
      limitReason: null,
    });
  });

  it('counts a run and the tokens it really used', async () => {
    const user = await createUser('usage-run');
    expect((await run(user)).status).toBe(200);
    const res = await usage(user);
    // The fake provider's default usage: 1200 prompt + 180 completion tokens.
    expect(res.json.metrics.slice(0, 3)).toEqual([
      { metricType: 'runs', period: 'month', current: 1, used: 1, reserved: 0, limit: 100, remaining: 99, resetsAt: RESETS_AT, reason: null },
      { metricType: 'tokens', period: 'month', current: 1380, used: 1380, reserved: 0, limit: 100_000, remaining: 98_620, resetsAt: RESETS_AT, reason: null },
      { metricType: 'daily_tokens', period: 'day', current: 1380, used: 1380, reserved: 0, limit: null, remaining: null, resetsAt: TOMORROW, reason: null },
    ]);
    expect(res.json.runsInProgress).toBe(0);
  });

  it('shows what a run in progress holds as reserved, apart from what finished runs used, and gives it back when it settles', async () => {
    const user = await createUser('usage-in-flight');
    expect((await run(user)).status).toBe(200);
    // The provider waits before answering, so the second run stays in flight while we look.
    fake.setDefault({ kind: 'stream', delayBeforeFirstByteMs: 1500 });
    try {
      const pending = run(user);
      let reservedTokens = 0;
      for (let tries = 0; tries < 100 && reservedTokens === 0; tries += 1) {
        const [row] = await sql<{ reserved_tokens: string }[]>`
          select reserved_tokens::text from public.agent_runs where user_id = ${user.id} and status = 'running'`;
        if (row) reservedTokens = Number(row.reserved_tokens);
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(reservedTokens).toBeGreaterThan(4096);
      const during = await usage(user);
      expect(during.json.runsInProgress).toBe(1);
      expect(during.json.metrics.slice(0, 3)).toEqual([
        { metricType: 'runs', period: 'month', current: 2, used: 1, reserved: 1, limit: 100, remaining: 98, resetsAt: RESETS_AT, reason: null },
        {
          metricType: 'tokens',
          period: 'month',
          current: 1380 + reservedTokens,
          used: 1380,
          reserved: reservedTokens,
          limit: 100_000,
          remaining: 100_000 - 1380 - reservedTokens,
          resetsAt: RESETS_AT,
          reason: null,
        },
        {
          metricType: 'daily_tokens',
          period: 'day',
          current: 1380 + reservedTokens,
          used: 1380,
          reserved: reservedTokens,
          limit: null,
          remaining: null,
          resetsAt: TOMORROW,
          reason: null,
        },
      ]);
      // What POST /api/runs holds is exactly the counter it checks.
      expect(during.json.metrics[1].current).toBe((await counters(user)).tokens);
      expect((await pending).status).toBe(200);
    } finally {
      fake.reset();
    }
    const after = await usage(user);
    expect(after.json.runsInProgress).toBe(0);
    expect(after.json.metrics[1]).toMatchObject({ current: 2760, used: 2760, reserved: 0 });
  });

  it('counts only the caller’s runs in progress in this period as reserved; finished and swept runs count as used', async () => {
    const user = await createUser('usage-reserved-scope');
    const other = await createUser('usage-reserved-other');
    await setUsage(user, 'runs', 4);
    await setUsage(user, 'tokens', 9000);
    await sql`
      insert into public.agent_runs (user_id, task, model, status, reserved_tokens, usage_period)
      values (${user.id}, 'in flight', 'gpt-4o-mini', 'running', 5000, private.usage_period_start()),
        (${user.id}, 'queued', 'gpt-4o-mini', 'queued', 1000, private.usage_period_start()),
        (${user.id}, 'swept', 'gpt-4o-mini', 'failed', 700, private.usage_period_start()),
        (${user.id}, 'last month', 'gpt-4o-mini', 'running', 300, '2020-01-01'),
        (${other.id}, 'theirs', 'gpt-4o-mini', 'running', 40000, private.usage_period_start())`;
    const res = await usage(user);
    expect(res.json.runsInProgress).toBe(2);
    expect(res.json.metrics.slice(0, 2)).toMatchObject([
      { metricType: 'runs', current: 4, used: 2, reserved: 2 },
      { metricType: 'tokens', current: 9000, used: 3000, reserved: 6000, remaining: 91_000 },
    ]);
  });

  it('follows the tier: pro has 1,000 runs and 1M tokens, enterprise no limit', async () => {
    const user = await createUser('usage-tiers');
    await setTier(user, 'pro');
    await setUsage(user, 'runs', 1500);
    expect((await usage(user)).json).toMatchObject({
      tier: 'pro',
      metrics: [
        { metricType: 'runs', current: 1500, limit: 1000, remaining: 0 },
        { metricType: 'tokens', current: 0, limit: 1_000_000, remaining: 1_000_000 },
        { metricType: 'daily_tokens', current: 0, limit: 200_000, remaining: 200_000 },
        { metricType: 'templates', limit: 100 },
        { metricType: 'exports', limit: 50 },
        { metricType: 'voice_seconds', limit: 7200, remaining: 7200, reason: null },
      ],
    });
    await setTier(user, 'enterprise');
    expect((await usage(user)).json).toMatchObject({
      tier: 'enterprise',
      metrics: [
        { metricType: 'runs', current: 1500, limit: null, remaining: null },
        { metricType: 'tokens', current: 0, limit: null, remaining: null },
        { metricType: 'daily_tokens', limit: 2_000_000 },
        { metricType: 'templates', limit: null },
        { metricType: 'exports', limit: null },
        { metricType: 'voice_seconds', limit: 72_000 },
      ],
    });
  });

  it('only counts the current month and only the caller', async () => {
    const user = await createUser('usage-scope');
    const other = await createUser('usage-scope-other');
    await sql`insert into public.usage_metrics (user_id, metric_type, period_start, count) values (${user.id}, 'runs', '2020-01-01', 77)`;
    await setUsage(other, 'runs', 12);
    expect((await usage(user)).json.metrics[0]).toMatchObject({ metricType: 'runs', current: 0 });
  });

  it('gives the reason POST /api/runs refuses in the refusal’s own words: no runs left', async () => {
    const user = await createUser('usage-reason-runs');
    await setUsage(user, 'runs', 100);
    const meter = await usage(user);
    const refusal = await run(user);
    expect(refusal.status).toBe(429);
    expect(meter.json.limitReason).toEqual({ metricType: 'runs', message: refusal.json.error.message });
    expect(meter.json.metrics[0]).toMatchObject({ remaining: 0 });
  });

  it('names a token shortfall exactly when a run with the default answer budget cannot start', async () => {
    const user = await createUser('usage-reason-tokens');
    await setUsage(user, 'tokens', 100_000 - 4096);
    const meter = await usage(user);
    expect(meter.json.limitReason).toEqual({
      metricType: 'tokens',
      message:
        '4,096 of your 100,000 tokens are left this month, less than the 4,096 tokens a run reserves for its answer by default (its prompt comes on top). ' +
        `Shorten the task or start a new conversation (earlier turns count too), lower the answer budget (inputFilter.maxTokens in the API), or wait until ${RESETS_AT.slice(0, 10)}, when the limit resets.`,
    });
    const refusal = await run(user);
    expect(refusal.status).toBe(429);
    expect(refusal.json).toMatchObject({ metricType: 'tokens', remaining: meter.json.metrics[1].remaining });
    expect(refusal.json.error.message).toContain('Shorten the task or start a new conversation');

    await setUsage(user, 'tokens', 50_000);
    expect((await usage(user)).json.limitReason).toBeNull();
  });

  it('says how much of a token shortfall is held by runs in progress', async () => {
    const user = await createUser('usage-reason-held');
    await setUsage(user, 'tokens', 99_000);
    await sql`
      insert into public.agent_runs (user_id, task, model, status, reserved_tokens, usage_period)
      values (${user.id}, 'in flight', 'gpt-4o-mini', 'running', 4700, private.usage_period_start())`;
    const res = await usage(user);
    expect(res.json.limitReason.metricType).toBe('tokens');
    expect(res.json.limitReason.message).toContain(
      '1,000 of your 100,000 tokens are left this month, less than the 4,096 tokens a run reserves for its answer by default (its prompt comes on top). ' +
        '4,700 of the counted tokens are held by runs in progress; what they do not use comes back when they finish. Shorten the task',
    );
  });

  it('has no limit reason on an unlimited tier', async () => {
    const user = await createUser('usage-reason-enterprise');
    await setTier(user, 'enterprise');
    await setUsage(user, 'runs', 5000);
    await setUsage(user, 'tokens', 10_000_000);
    expect((await usage(user)).json.limitReason).toBeNull();
  });

  it('needs a signed-in user', async () => {
    expect((await callRoute(getUsage, '/api/usage')).status).toBe(401);
  });
});

describe('limits on POST /api/runs', () => {
  it('the 101st run of the month is a 429 with the limit details, and nothing is written', async () => {
    const user = await createUser('usage-runs-limit');
    await setUsage(user, 'runs', 100);
    const res = await run(user);
    expect(res.status).toBe(429);
    expect(res.json).toEqual({
      error: { code: 'limit_exceeded', message: `You have used all 100 runs of this month. The limit resets on ${RESETS_AT.slice(0, 10)}.` },
      current: 100,
      limit: 100,
      remaining: 0,
      metricType: 'runs',
      resetsAt: RESETS_AT,
      requestId: expect.any(String),
    });
    expect(await sql`select 1 from public.agent_runs where user_id = ${user.id}`).toHaveLength(0);
    expect(await counters(user)).toEqual({ runs: 100 });
  });

  it('a run whose worst case does not fit in the tokens left is refused, and its run is not counted', async () => {
    const user = await createUser('usage-tokens-limit');
    await setUsage(user, 'runs', 5);
    await setUsage(user, 'tokens', 99_000);
    const res = await run(user);
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ error: { code: 'limit_exceeded' }, current: 99_000, limit: 100_000, remaining: 1000, metricType: 'tokens', resetsAt: RESETS_AT });
    expect(res.json.error.message).toMatch(/^This run may use up to [\d,]+ tokens and 1,000 of your 100,000 tokens are left this month\. Shorten the task or start a new conversation/);
    expect(await counters(user)).toEqual({ runs: 5, tokens: 99_000 });

    // With room for the reservation it runs, and only what it used stays counted.
    await setUsage(user, 'tokens', 80_000);
    expect((await run(user)).status).toBe(200);
    expect(await counters(user)).toEqual({ runs: 6, tokens: 81_380, daily_tokens: 1380 });
  });

  it('a smaller answer budget (inputFilter.maxTokens) fits where the default does not', async () => {
    const user = await createUser('usage-budget');
    await setUsage(user, 'tokens', 100_000 - 4000);
    expect((await run(user)).status).toBe(429);
    expect((await run(user, { task: 'Draft a tweet', outputType: 'content', inputFilter: { maxTokens: 200 } })).status).toBe(200);
  });

  it('enterprise accounts have no limit', async () => {
    const user = await createUser('usage-enterprise');
    await setTier(user, 'enterprise');
    await setUsage(user, 'runs', 1_000_000);
    await setUsage(user, 'tokens', 1_000_000_000);
    expect((await run(user)).status).toBe(200);
    expect(await counters(user)).toEqual({ runs: 1_000_001, tokens: 1_000_001_380, daily_tokens: 1380 });
  });

  it.skipIf(isEmbedded())(
    'with 1 run left, 50 parallel requests admit exactly 1; 49 get 429 (PostgreSQL only: the embedded database serves one session, so requests cannot race)',
    async () => {
      const user = await createUser('usage-race');
      await setUsage(user, 'runs', 99);
      const results = await Promise.all(Array.from({ length: 50 }, () => run(user)));
      expect(results.filter((res) => res.status === 200)).toHaveLength(1);
      const refused = results.filter((res) => res.status === 429);
      expect(refused).toHaveLength(49);
      for (const res of refused) {
        expect(res.json).toMatchObject({ error: { code: 'limit_exceeded' }, current: 100, limit: 100, remaining: 0, metricType: 'runs', resetsAt: RESETS_AT });
      }
      expect(await sql`select 1 from public.agent_runs where user_id = ${user.id}`).toHaveLength(1);
      expect(await counters(user)).toEqual({ runs: 100, tokens: 1380, daily_tokens: 1380 });
    },
  );

  it.skipIf(isEmbedded())(
    'with tokens for 2 runs left, 20 parallel requests admit exactly 2 (PostgreSQL only: the embedded database serves one session)',
    async () => {
      const user = await createUser('usage-token-race');
      const budget = { task: 'Draft a tweet', outputType: 'content', inputFilter: { maxTokens: 1000 } };
      // The refusal names this task's reservation (prompt estimate + answer budget).
      await setUsage(user, 'tokens', 100_000);
      const probe = await run(user, budget);
      const reservation = Number(/may use up to ([\d,]+) tokens/.exec(probe.json.error.message)![1]!.replaceAll(',', ''));
      await setUsage(user, 'tokens', 100_000 - 2 * reservation - 10);
      // Admitted runs hold their reservation while the provider takes its time, so none is settled (and its
      // unused tokens given back) before every request has been decided.
      fake.setDefault({ kind: 'stream', delayBeforeFirstByteMs: 1000 });
      const results = await Promise.all(Array.from({ length: 20 }, () => run(user, budget)));
      expect(results.filter((res) => res.status === 200)).toHaveLength(2);
      expect(results.filter((res) => res.status === 429 && res.json.metricType === 'tokens')).toHaveLength(18);
      fake.reset();
    },
  );
});

describe('settling', () => {
  it('never takes the tokens counter below zero, and only touches the run owner’s counter', async () => {
    const user = await createUser('usage-settle');
    const other = await createUser('usage-settle-other');
    await setUsage(other, 'tokens', 500);
    // A run that reserved 1,000 tokens, after which the counter was reset below that by hand.
    const [opened] = await sql<{ id: string }[]>`
      insert into public.agent_runs (user_id, task, model, status, reserved_tokens, usage_period)
      values (${user.id}, 'probe', 'gpt-4o-mini', 'running', 1000, private.usage_period_start()) returning id`;
    await setUsage(user, 'tokens', 10);
    const [settled] = await sql`select private.finish_run(${opened!.id}, 'succeeded', '{}'::jsonb, null, 0, 0, 0, 0, 5) as finished`;
    expect(settled!.finished).toBe(true);
    expect(await counters(user)).toEqual({ tokens: 0 });
    expect(await counters(other)).toEqual({ tokens: 500 });
    // A second settlement of the same run changes nothing.
    await setUsage(user, 'tokens', 10);
    const [again] = await sql`select private.finish_run(${opened!.id}, 'failed', null, 'x', 0, 0, 0, 0, 5) as finished`;
    expect(again!.finished).toBe(false);
    expect(await counters(user)).toEqual({ tokens: 10 });
  });

  it('settles from the reservation the run recorded, not from a figure the caller passes', async () => {
    const user = await createUser('usage-settle-recorded');
    const created = await run(user);
    expect(created.status).toBe(200);
    const [stored] = await sql<{ reserved_tokens: string; input_tokens: number; output_tokens: number }[]>`
      select reserved_tokens::text, input_tokens, output_tokens from public.agent_runs where user_id = ${user.id}`;
    expect(Number(stored!.reserved_tokens)).toBeGreaterThan(stored!.input_tokens + stored!.output_tokens);
    const used = stored!.input_tokens + stored!.output_tokens;
    expect(await counters(user)).toEqual({ runs: 1, tokens: used, daily_tokens: used });
  });

  it.each([
    ['reserve_usage', (userId: string) => `select * from private.reserve_usage('${userId}', 0)`],
    ['finish_run', () => `select private.finish_run(gen_random_uuid(), 'succeeded', null, null, 0, 0, 0, 0, 0)`],
    [
      'open_run',
      (userId: string) =>
        `select * from private.open_run(gen_random_uuid(), '${userId}', 'manual', 't', '', '', '{}', '[]', '{}', 'offline', 'gpt-4o-mini', 'content', '{}', 0, null, '{}', null, null)`,
    ],
    ['record_partial_output', () => `select private.record_partial_output(gen_random_uuid(), 'text')`],
  ])('a user session cannot call %s', async (_name, statement) => {
    const user = await createUser('usage-definer');
    await expect(
      withUserTransaction({ sub: user.id, role: 'authenticated' }, (tx) => tx.unsafe(statement(user.id))),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
