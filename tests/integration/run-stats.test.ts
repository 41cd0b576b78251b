import { describe, expect, it } from 'vitest';
import { GET as getStats } from '@/app/api/runs/stats/route';
import { addDays, todayUtc } from '@/lib/runs/stats-range';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

const sql = ownerSql();

interface InsertedRun {
  daysAgo?: number;
  at?: string;
  feedback?: string;
  input: number;
  output: number;
  cost: number;
  model?: string;
  status?: string;
  outputType?: string;
}

async function insertRun(user: TestUser, run: InsertedRun) {
  const createdAt = run.at ? sql`${run.at}::timestamptz` : sql`now() - make_interval(days => ${run.daysAgo ?? 0})`;
  await sql`
    insert into public.agent_runs (user_id, task, model, status, output_type, input_tokens, output_tokens, cost_usd, feedback, created_at)
    values (${user.id}, 'task', ${run.model ?? 'gpt-4o-mini'}, ${run.status ?? 'succeeded'}, ${run.outputType ?? 'content'},
      ${run.input}, ${run.output}, ${run.cost}, ${run.feedback ?? null}, ${createdAt})`;
}

const stats = (user: TestUser, query: string) => callRoute(getStats, `/api/runs/stats?${query}`, { headers: bearer(user) });

describe('GET /api/runs/stats', () => {
  it('buckets the caller’s runs per UTC day with approval rate, tokens and cost, and nothing of other users', async () => {
    const a = await createUser('stats-a');
    const b = await createUser('stats-b');
    await insertRun(a, { daysAgo: 0, feedback: 'approved', input: 100, output: 50, cost: 0.01 });
    await insertRun(a, { daysAgo: 0, feedback: 'rejected', input: 10, output: 5, cost: 0.002 });
    await insertRun(a, { daysAgo: 0, input: 1, output: 1, cost: 0 });
    await insertRun(a, { daysAgo: 2, feedback: 'approved', input: 40, output: 60, cost: 0.5 });
    await insertRun(b, { daysAgo: 0, feedback: 'approved', input: 9999, output: 9999, cost: 9, model: 'gpt-4o' });

    const res = await stats(a, 'days=7');
    expect(res.status).toBe(200);
    expect(res.json.days).toHaveLength(7);
    const [today] = (await sql<{ day: string }[]>`select to_char((now() at time zone 'UTC')::date, 'YYYY-MM-DD') as day`) as { day: string }[];
    expect(res.json.to).toBe(today!.day);
    expect(res.json.from).toBe(addDays(today!.day, -6));
    const last = res.json.days.at(-1);
    expect(last).toEqual({ day: today!.day, runs: 3, approved: 1, rated: 2, approvalRate: 0.5, tokens: 167, costUsd: 0.012 });
    expect(res.json.days.at(-3)).toMatchObject({ runs: 1, approved: 1, rated: 1, approvalRate: 1, tokens: 100, costUsd: 0.5 });
    expect(res.json.days.at(-2)).toMatchObject({ runs: 0, rated: 0, approvalRate: null, tokens: 0 });
    expect(res.json.totals).toEqual({ runs: 4, approved: 2, rated: 3, approvalRate: 2 / 3, tokens: 267, costUsd: 0.512 });
    // b's model never shows up in a's breakdown.
    expect(res.json.models).toEqual([{ model: 'gpt-4o-mini', runs: 4, approved: 2, rated: 3, approvalRate: 2 / 3, tokens: 267, costUsd: 0.512 }]);
  });

  it('a from–to range has every day, zero days included, and counts runs by their UTC day at both ends', async () => {
    const user = await createUser('stats-range');
    await insertRun(user, { at: '2026-03-01T00:00:00Z', input: 1, output: 1, cost: 0.001 });
    await insertRun(user, { at: '2026-03-05T23:59:59.999Z', input: 2, output: 2, cost: 0.002 });
    // Just outside the range on either side.
    await insertRun(user, { at: '2026-02-28T23:59:59.999Z', input: 50, output: 50, cost: 1 });
    await insertRun(user, { at: '2026-03-06T00:00:00Z', input: 50, output: 50, cost: 1 });

    const res = await stats(user, 'from=2026-03-01&to=2026-03-05');
    expect(res.status).toBe(200);
    expect(res.json.from).toBe('2026-03-01');
    expect(res.json.to).toBe('2026-03-05');
    expect(res.json.days.map((d: { day: string; runs: number }) => [d.day, d.runs])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 0],
      ['2026-03-03', 0],
      ['2026-03-04', 0],
      ['2026-03-05', 1],
    ]);
    expect(res.json.days[1]).toEqual({ day: '2026-03-02', runs: 0, approved: 0, rated: 0, approvalRate: null, tokens: 0, costUsd: 0 });
    expect(res.json.totals).toMatchObject({ runs: 2, tokens: 6, costUsd: 0.003 });
  });

  it('breaks the range down per model, most runs first, and narrows by status and output type', async () => {
    const user = await createUser('stats-models');
    const other = await createUser('stats-models-other');
    const at = '2026-04-10T12:00:00Z';
    await insertRun(user, { at, model: 'gpt-4o', input: 1000, output: 500, cost: 0.42, feedback: 'approved' });
    await insertRun(user, { at, model: 'gpt-4o-mini', input: 10, output: 5, cost: 0.0001, feedback: 'rejected' });
    await insertRun(user, { at, model: 'gpt-4o-mini', input: 20, output: 5, cost: 0.0002, status: 'failed' });
    await insertRun(user, { at, model: 'gpt-4o-mini', input: 30, output: 5, cost: 0.0003, outputType: 'code' });
    await insertRun(other, { at, model: 'o3', input: 5, output: 5, cost: 3 });

    const all = await stats(user, 'from=2026-04-01&to=2026-04-30');
    expect(all.status).toBe(200);
    expect(all.json.days).toHaveLength(30);
    expect(all.json.models).toEqual([
      { model: 'gpt-4o-mini', runs: 3, approved: 0, rated: 1, approvalRate: 0, tokens: 75, costUsd: expect.closeTo(0.0006, 10) },
      { model: 'gpt-4o', runs: 1, approved: 1, rated: 1, approvalRate: 1, tokens: 1500, costUsd: 0.42 },
    ]);

    const failed = await stats(user, 'from=2026-04-01&to=2026-04-30&status=failed');
    expect(failed.json.models).toEqual([{ model: 'gpt-4o-mini', runs: 1, approved: 0, rated: 0, approvalRate: null, tokens: 25, costUsd: 0.0002 }]);
    expect(failed.json.totals.runs).toBe(1);

    const code = await stats(user, 'from=2026-04-01&to=2026-04-30&outputType=code');
    expect(code.json.models).toEqual([{ model: 'gpt-4o-mini', runs: 1, approved: 0, rated: 0, approvalRate: null, tokens: 35, costUsd: 0.0003 }]);

    const empty = await stats(user, 'from=2026-05-01&to=2026-05-02');
    expect(empty.json.models).toEqual([]);
    expect(empty.json.totals).toEqual({ runs: 0, approved: 0, rated: 0, approvalRate: null, tokens: 0, costUsd: 0 });
  });

  it('defaults to the last 30 days, and from alone runs to today', async () => {
    const user = await createUser('stats-default');
    const today = todayUtc();
    const byDefault = await stats(user, '');
    expect(byDefault.json).toMatchObject({ from: addDays(today, -29), to: today });
    expect(byDefault.json.days).toHaveLength(30);
    const fromOnly = await stats(user, `from=${addDays(today, -9)}`);
    expect(fromOnly.json.days).toHaveLength(10);
    expect(fromOnly.json.to).toBe(today);
    const year = await stats(user, 'days=366');
    expect(year.status).toBe(200);
    expect(year.json.days).toHaveLength(366);
  });

  it.each([
    ['days=0', 'days: must be at least 1'],
    ['days=367', 'days: must be at most 366'],
    ['days=abc', /^days: /],
    ['days=1.5', 'days: must be a whole number'],
    ['from=2026-13-01&to=2026-12-31', 'from: must be a date such as 2026-01-31'],
    ['from=2026-02-30&to=2026-03-01', 'from: must be a date such as 2026-01-31'],
    ['from=yesterday', 'from: must be a date such as 2026-01-31'],
    ['to=2026-01-01T00:00:00Z', 'to: must be a date such as 2026-01-31'],
    ['from=2026-03-02&to=2026-03-01', 'from: must be on or before to (2026-03-01)'],
    ['from=2025-01-01&to=2026-01-02', 'to: the range may span at most 366 days; 2025-01-01 to 2026-01-02 spans 367'],
    ['days=7&from=2026-01-01', 'days: give either days or from/to, not both'],
    ['status=done', /^status: /],
    ['outputType=poem', /^outputType: /],
    ['other=1', /unknown field: other/],
  ])('?%s → 400 in the error envelope', async (query, message) => {
    const user = await createUser('stats-bad');
    const res = await stats(user, query);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { code: 'validation_failed', message: expect.any(String) }, requestId: expect.any(String) });
    if (typeof message === 'string') expect(res.json.error.message).toBe(message);
    else expect(res.json.error.message).toMatch(message);
  });

  it('a 366-day range ending on a leap day is allowed', async () => {
    const user = await createUser('stats-leap');
    const res = await stats(user, 'from=2027-03-01&to=2028-02-29');
    expect(res.status).toBe(200);
    expect(res.json.days).toHaveLength(366);
    expect(res.json.days.at(-1).day).toBe('2028-02-29');
  });

  it('needs a session', async () => {
    expect((await callRoute(getStats, '/api/runs/stats')).status).toBe(401);
  });
});
