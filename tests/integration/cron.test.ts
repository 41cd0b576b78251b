import { afterEach, describe, expect, it } from 'vitest';
import { GET as sweep } from '@/app/api/cron/sweep-runs/route';
import { resetServerEnvForTests } from '@/lib/env';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { createUser } from '@/tests/support/users';

const sql = ownerSql();
const SECRET = 'cron-secret-for-tests-0123456789';

function configure(secret: string | undefined) {
  if (secret) process.env.CRON_SECRET = secret;
  else delete process.env.CRON_SECRET;
  resetServerEnvForTests();
}

afterEach(() => configure(undefined));

async function insertRun(userId: string, status: string, minutesAgo: number): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into public.agent_runs (user_id, task, model, status, created_at, started_at)
    values (${userId}, 'task', 'gpt-4o-mini', ${status}, now() - make_interval(mins => ${minutesAgo}),
      case when ${status} = 'queued' then null else now() - make_interval(mins => ${minutesAgo}) end)
    returning id`;
  return row!.id;
}

describe('GET /api/cron/sweep-runs', () => {
  it('is closed when no CRON_SECRET is configured, and refuses a wrong secret', async () => {
    configure(undefined);
    const closed = await callRoute(sweep, '/api/cron/sweep-runs', { headers: { authorization: 'Bearer anything' } });
    expect(closed.status).toBe(503);
    expect(closed.json.error.code).toBe('service_unavailable');

    configure(SECRET);
    for (const authorization of [undefined, `Bearer ${SECRET}x`, `Bearer ${SECRET.slice(0, -1)}`, SECRET]) {
      const res = await callRoute(sweep, '/api/cron/sweep-runs', { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
    }
  });

  it('fails runs left queued or running by a dead invocation and leaves the rest alone', async () => {
    configure(SECRET);
    const user = await createUser('sweep');
    const staleRunning = await insertRun(user.id, 'running', 20);
    const staleQueued = await insertRun(user.id, 'queued', 20);
    const freshRunning = await insertRun(user.id, 'running', 1);
    const oldSucceeded = await insertRun(user.id, 'succeeded', 60);

    const res = await callRoute(sweep, '/api/cron/sweep-runs', { headers: { authorization: `Bearer ${SECRET}` } });
    expect(res.status).toBe(200);
    expect(res.json.swept).toBeGreaterThanOrEqual(2);

    const rows = await sql<{ id: string; status: string; error: string | null; completed_at: Date | null }[]>`
      select id, status, error, completed_at from public.agent_runs where user_id = ${user.id}`;
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const id of [staleRunning, staleQueued]) {
      expect(byId.get(id)).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
      expect(byId.get(id)!.completed_at).not.toBeNull();
    }
    expect(byId.get(freshRunning)).toMatchObject({ status: 'running', error: null });
    expect(byId.get(oldSucceeded)).toMatchObject({ status: 'succeeded', error: null });
  });
});
