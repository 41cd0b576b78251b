import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as getHealth } from '@/app/api/admin/health/route';
import { GET as sweep } from '@/app/api/cron/sweep-runs/route';
import { getMigrationState } from '@/lib/admin/get-migration-state';
import type { Sql } from '@/lib/db/client';
import { readMigrations } from '@/lib/db/migrations';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { resetServerEnvForTests } from '@/lib/env';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * GET /api/admin/health beyond the per-state counts (migration 035): every queue's ready, active and
 * dead jobs with the oldest ready job's age, the Stripe ledger's unprocessed and failed events, the
 * daily maintenance's last run, and the migration state. Other files write into the same database
 * at the same time, so product-wide figures are checked against raw rows read in one REPEATABLE
 * READ snapshot with the functions, and this file's own rows by what it seeded.
 */

const sql = ownerSql();
const QUEUE = `admin-health-${randomUUID().slice(0, 8)}`;
const SECRET = 'cron-secret-for-admin-health-0123456789';
const tag = () => randomUUID().replaceAll('-', '').slice(0, 12);

let admin: TestUser;

beforeAll(async () => {
  admin = await createUser('health-admin');
  await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${admin.id}`;
  await sql`select pgboss.create_queue(${QUEUE}, '{"policy":"standard"}'::jsonb)`;
});

afterAll(async () => {
  await sql`delete from pgboss.job where name = ${QUEUE}`;
  await sql`delete from pgboss.queue where name = ${QUEUE}`;
});

afterEach(() => {
  delete process.env.CRON_SECRET;
  resetServerEnvForTests();
});

const asAdmin = <T>(fn: (tx: Sql) => Promise<T>) => withUserTransaction({ sub: admin.id, role: 'authenticated' }, fn);

/** Runs `read` (raw rows, as the owner) then `call` (as the admin, role authenticated) in one snapshot. */
async function inSnapshot<R, C>(read: (tx: Sql) => Promise<R>, call: (tx: Sql) => Promise<C>): Promise<{ raw: R; result: C }> {
  return (await sql.begin('isolation level repeatable read', async (tx) => {
    const raw = await read(tx as unknown as Sql);
    await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: admin.id, role: 'authenticated' })}, true)`;
    await tx`set local role authenticated`;
    const result = await call(tx as unknown as Sql);
    return { raw, result };
  })) as { raw: R; result: C };
}

describe('GET /api/admin/health: queue, Stripe ledger, last cron run, migrations', () => {
  it('counts ready, active and dead jobs and the oldest ready age as the raw rows do', async () => {
    // Ready: created an hour ago and due; retrying and due; not ready: due tomorrow, active, failed, completed.
    await sql`
      insert into pgboss.job (name, state, created_on, start_after, started_on) values
        (${QUEUE}, 'created', now() - interval '1 hour', now() - interval '1 hour', null),
        (${QUEUE}, 'retry', now() - interval '10 minutes', now() - interval '1 minute', null),
        (${QUEUE}, 'created', now() - interval '2 hours', now() + interval '1 day', null),
        (${QUEUE}, 'active', now() - interval '5 minutes', now() - interval '5 minutes', now()),
        (${QUEUE}, 'failed', now() - interval '3 hours', now() - interval '3 hours', now()),
        (${QUEUE}, 'failed', now() - interval '3 hours', now() - interval '3 hours', now()),
        (${QUEUE}, 'completed', now() - interval '4 hours', now() - interval '4 hours', now())`;

    const { raw, result } = await inSnapshot(
      async (tx) => {
        const [all] = await tx<{ ready: number; active: number; dead: number; oldest: number | null }[]>`
          select count(*) filter (where state in ('created', 'retry') and start_after <= now())::int as ready,
            count(*) filter (where state = 'active')::int as active,
            count(*) filter (where state = 'failed')::int as dead,
            floor(extract(epoch from now() - min(created_on) filter (where state in ('created', 'retry') and start_after <= now())))::int as oldest
          from pgboss.job`;
        const [mine] = await tx<{ ready: number; active: number; dead: number }[]>`
          select count(*) filter (where state in ('created', 'retry') and start_after <= now())::int as ready,
            count(*) filter (where state = 'active')::int as active,
            count(*) filter (where state = 'failed')::int as dead
          from pgboss.job where name = ${QUEUE}`;
        return { all: all!, mine: mine! };
      },
      async (tx) => (await tx<{ ready: number; active: number; dead: number; oldest_ready_seconds: number | null }[]>`select * from private.admin_queue_summary()`)[0]!,
    );
    expect(raw.mine).toEqual({ ready: 2, active: 1, dead: 2 });
    expect(result).toEqual({ ready: raw.all.ready, active: raw.all.active, dead: raw.all.dead, oldest_ready_seconds: raw.all.oldest });
    expect(result.ready).toBeGreaterThanOrEqual(2);
    expect(result.dead).toBeGreaterThanOrEqual(2);
    expect(result.oldest_ready_seconds).toBeGreaterThanOrEqual(3600);

    const res = await callRoute(getHealth, '/api/admin/health', { headers: bearer(admin) });
    expect(res.status).toBe(200);
    expect(res.json.jobs.dead).toBeGreaterThanOrEqual(2);
    expect(res.json.jobs.oldestReadySeconds).toBeGreaterThanOrEqual(3600);
  });

  it('counts the unprocessed and failed Stripe events as the ledger holds them', async () => {
    const failedId = `evt_${tag()}`;
    await sql`insert into public.stripe_events (id, type, created, livemode, processed_at, attempts) values (${`evt_${tag()}`}, 'invoice.paid', now(), false, now(), 1)`;
    await sql`insert into public.stripe_events (id, type, created, livemode, attempts, last_error, received_at)
      values (${failedId}, 'invoice.paid', now(), false, 2, 'StripeConnectionError', now() - interval '2 days')`;
    await sql`insert into public.stripe_events (id, type, created, livemode) values (${`evt_${tag()}`}, 'customer.created', now(), false)`;

    const { raw, result } = await inSnapshot(
      async (tx) =>
        (await tx<{ unprocessed: number; failed: number; oldest: Date | null }[]>`
          select count(*) filter (where processed_at is null)::int as unprocessed,
            count(*) filter (where processed_at is null and last_error is not null)::int as failed,
            min(received_at) filter (where processed_at is null) as oldest
          from public.stripe_events`)[0]!,
      async (tx) => (await tx<{ unprocessed: number; failed: number; oldest_unprocessed_at: Date | null }[]>`select * from private.admin_stripe_ledger()`)[0]!,
    );
    expect(result).toEqual({ unprocessed: raw.unprocessed, failed: raw.failed, oldest_unprocessed_at: raw.oldest });
    expect(result.unprocessed).toBeGreaterThanOrEqual(2);
    expect(result.failed).toBeGreaterThanOrEqual(1);
    expect(Date.now() - result.oldest_unprocessed_at!.getTime()).toBeGreaterThanOrEqual(2 * 86_400_000 - 60_000);

    const res = await callRoute(getHealth, '/api/admin/health', { headers: bearer(admin) });
    expect(res.json.stripeLedger.unprocessed).toBeGreaterThanOrEqual(2);
    expect(res.json.stripeLedger.failed).toBeGreaterThanOrEqual(1);
    await sql`delete from public.stripe_events where id = ${failedId}`;
  });

  it('shows the last run of the daily sweep, recorded by the cron route, with its outcome', async () => {
    process.env.CRON_SECRET = SECRET;
    resetServerEnvForTests();
    const before = Date.now();
    const swept = await callRoute(sweep, '/api/cron/sweep-runs', { headers: { authorization: `Bearer ${SECRET}` } });
    expect(swept.status).toBe(200);

    const [row] = await sql<{ outcome: string; detail: string; finished_at: Date }[]>`
      select outcome, detail, finished_at from private.cron_runs where job = 'sweep-runs' order by finished_at desc, id desc limit 1`;
    expect(row!.outcome).toBe('succeeded');
    expect(row!.finished_at.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const res = await callRoute(getHealth, '/api/admin/health', { headers: bearer(admin) });
    expect(res.status).toBe(200);
    expect(res.json.lastCronRun).toMatchObject({ job: 'sweep-runs', outcome: 'succeeded', finishedAt: row!.finished_at.toISOString() });
    expect(JSON.parse(res.json.lastCronRun.detail)).toEqual({ swept: expect.any(Number), released: expect.any(Number) });
    expect(Date.parse(res.json.lastCronRun.startedAt)).toBeLessThanOrEqual(Date.parse(res.json.lastCronRun.finishedAt));

    // A failed run is recorded too, and becomes the last one.
    await sql`insert into private.cron_runs (job, started_at, finished_at, outcome, detail) values ('sweep-runs', now(), now() + interval '1 minute', 'failed', 'PostgresError')`;
    const after = await callRoute(getHealth, '/api/admin/health', { headers: bearer(admin) });
    expect(after.json.lastCronRun).toMatchObject({ outcome: 'failed', detail: 'PostgresError' });
    await sql`delete from private.cron_runs where outcome = 'failed' and detail = 'PostgresError'`;
  });

  it('reports the migration state: applied against the files, pending and unknown versions', async () => {
    const files = await readMigrations();
    const applied = await sql<{ version: string }[]>`select version from supabase_migrations.schema_migrations order by version`;
    const res = await callRoute(getHealth, '/api/admin/health', { headers: bearer(admin) });
    expect(res.json.migrations).toEqual({
      applied: applied.length,
      present: files.length,
      latestApplied: applied[applied.length - 1]!.version,
      pending: [],
      unknown: [],
      upToDate: true,
    });
    expect(res.json.migrations.latestApplied).toBe(files[files.length - 1]!.version);

    // Judged against other files, without touching the shared table: a directory missing the last
    // file (the database is ahead of the deployment), then one with a file the database lacks.
    const last = files[files.length - 1]!;
    const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    try {
      for (const file of files.slice(0, -1)) await writeFile(path.join(dir, file.file), file.sql);
      const ahead = await asAdmin((tx) => getMigrationState(tx, dir));
      expect(ahead).toMatchObject({ applied: applied.length, present: files.length - 1, unknown: [last.version], pending: [], upToDate: true });
      await writeFile(path.join(dir, last.file), last.sql);
      await writeFile(path.join(dir, '999999_not_yet.sql'), 'select 1;');
      const behind = await asAdmin((tx) => getMigrationState(tx, dir));
      expect(behind).toMatchObject({ present: files.length + 1, unknown: [], pending: ['999999_not_yet.sql'], upToDate: false });
      const unreadable = await asAdmin((tx) => getMigrationState(tx, path.join(dir, 'absent')));
      expect(unreadable).toEqual({ applied: applied.length, present: null, latestApplied: last.version, pending: [], unknown: [], upToDate: null });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses the new functions to anyone but an administrator', async () => {
    const member = await createUser('health-member');
    for (const fn of ['admin_queue_summary()', 'admin_stripe_ledger()', "admin_last_cron_run('sweep-runs')", 'admin_applied_migrations()']) {
      const error = await sql
        .begin(async (tx) => {
          await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: member.id, role: 'authenticated' })}, true)`;
          await tx`set local role authenticated`;
          await tx.unsafe(`select * from private.${fn}`);
        })
        .then(
          () => null,
          (caught: { code?: string }) => caught.code,
        );
      expect(error, fn).toBe('42501');
    }
    const [grants] = await sql<{ n: number }[]>`
      select count(*)::int as n from information_schema.role_table_grants
      where table_schema = 'private' and table_name = 'cron_runs' and grantee in ('anon', 'authenticated')`;
    expect(grants!.n).toBe(0);
    const res = await callRoute(getHealth, '/api/admin/health', { headers: bearer(member) });
    expect(res.status).toBe(404);
  });
});
