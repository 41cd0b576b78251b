import { describe, expect, it } from 'vitest';
import { GET as getStats } from '@/app/api/runs/stats/route';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

const sql = ownerSql();

async function insertRun(user: TestUser, run: { daysAgo: number; feedback?: string; input: number; output: number; cost: number }) {
  await sql`
    insert into public.agent_runs (user_id, task, model, status, input_tokens, output_tokens, cost_usd, feedback, created_at)
    values (${user.id}, 'task', 'gpt-4o-mini', 'succeeded', ${run.input}, ${run.output}, ${run.cost}, ${run.feedback ?? null},
      now() - make_interval(days => ${run.daysAgo}))`;
}

describe('GET /api/runs/stats', () => {
  it('buckets the caller’s runs per UTC day with approval rate, tokens and cost, and nothing of other users', async () => {
    const a = await createUser('stats-a');
    const b = await createUser('stats-b');
    await insertRun(a, { daysAgo: 0, feedback: 'approved', input: 100, output: 50, cost: 0.01 });
    await insertRun(a, { daysAgo: 0, feedback: 'rejected', input: 10, output: 5, cost: 0.002 });
    await insertRun(a, { daysAgo: 0, input: 1, output: 1, cost: 0 });
    await insertRun(a, { daysAgo: 2, feedback: 'approved', input: 40, output: 60, cost: 0.5 });
    await insertRun(b, { daysAgo: 0, feedback: 'approved', input: 9999, output: 9999, cost: 9 });

    const res = await callRoute(getStats, '/api/runs/stats?days=7', { headers: bearer(a) });
    expect(res.status).toBe(200);
    expect(res.json.days).toHaveLength(7);
    const [today] = (await sql<{ day: string }[]>`select to_char((now() at time zone 'UTC')::date, 'YYYY-MM-DD') as day`) as { day: string }[];
    const last = res.json.days.at(-1);
    expect(last).toEqual({ day: today!.day, runs: 3, approved: 1, rated: 2, approvalRate: 0.5, tokens: 167, costUsd: 0.012 });
    expect(res.json.days.at(-3)).toMatchObject({ runs: 1, approved: 1, rated: 1, approvalRate: 1, tokens: 100, costUsd: 0.5 });
    expect(res.json.days.at(-2)).toMatchObject({ runs: 0, rated: 0, approvalRate: null, tokens: 0 });
    expect(res.json.totals).toEqual({ runs: 4, approved: 2, rated: 3, approvalRate: 2 / 3, tokens: 267, costUsd: 0.512 });
  });

  it.each([
    ['days=0', /^days: /],
    ['days=91', /^days: must be at most 90/],
    ['days=abc', /^days: /],
    ['other=1', /unknown field: other/],
  ])('?%s → 400', async (query, message) => {
    const user = await createUser('stats-bad');
    const res = await callRoute(getStats, `/api/runs/stats?${query}`, { headers: bearer(user) });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.message).toMatch(message);
  });

  it('needs a session', async () => {
    expect((await callRoute(getStats, '/api/runs/stats')).status).toBe(401);
  });
});
