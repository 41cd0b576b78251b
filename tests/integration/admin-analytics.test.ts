import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getAnalytics } from '@/app/api/admin/analytics/route';
import { GET as getAtomStats } from '@/app/api/admin/atom-stats/route';
import { GET as getHealth } from '@/app/api/admin/health/route';
import { GET as getUsers } from '@/app/api/admin/users/route';
import type { Sql } from '@/lib/db/client';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * The admin analytics functions of migration 032 and the routes that read them. Other test files
 * write runs, events and users into the same database at the same time, so product-wide figures
 * are checked against the raw rows read in the same REPEATABLE READ snapshot as the function call,
 * and figures of rows this file seeded (its own model, atom and users) against values written here.
 */

const sql = ownerSql();
const INSUFFICIENT_PRIVILEGE = '42501';
const tag = () => `adm${randomUUID().replaceAll('-', '').slice(0, 10)}`;

let admin: TestUser;
let member: TestUser;

beforeAll(async () => {
  admin = await createUser('analytics-admin');
  member = await createUser('analytics-member');
  await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${admin.id}`;
});

/** Runs `read` (raw rows, as the owner) then `call` (as `user`, role authenticated) in one snapshot. */
async function inSnapshot<R, C>(user: TestUser, read: (tx: Sql) => Promise<R>, call: (tx: Sql) => Promise<C>): Promise<{ raw: R; result: C }> {
  return (await sql.begin('isolation level repeatable read', async (tx) => {
    const raw = await read(tx as unknown as Sql);
    await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: user.id, role: 'authenticated' })}, true)`;
    await tx`set local role authenticated`;
    const result = await call(tx as unknown as Sql);
    return { raw, result };
  })) as { raw: R; result: C };
}

const asUser = <T>(user: TestUser, fn: (tx: Sql) => Promise<T>) => withUserTransaction({ sub: user.id, role: 'authenticated' }, fn);

async function asAnon<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
  return (await sql.begin(async (tx) => {
    await tx`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`;
    return fn(tx as unknown as Sql);
  })) as T;
}

async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof postgres.PostgresError) return error.code;
    throw error;
  }
  return undefined;
}

const FUNCTIONS: { name: string; call: (tx: Sql) => Promise<unknown> }[] = [
  { name: 'admin_users', call: (tx) => tx`select * from private.admin_users('', 10, 0)` },
  { name: 'admin_daily_runs', call: (tx) => tx`select * from private.admin_daily_runs(30)` },
  { name: 'admin_model_usage', call: (tx) => tx`select * from private.admin_model_usage(30)` },
  { name: 'admin_atom_stats', call: (tx) => tx`select * from private.admin_atom_stats()` },
  { name: 'admin_event_states', call: (tx) => tx`select * from private.admin_event_states()` },
  { name: 'admin_queue_states', call: (tx) => tx`select * from private.admin_queue_states()` },
  { name: 'admin_dead_events', call: (tx) => tx`select * from private.admin_dead_events(10)` },
  { name: 'admin_dead_event_owner', call: (tx) => tx`select private.admin_dead_event_owner(${randomUUID()})` },
  { name: 'admin_stripe_event_states', call: (tx) => tx`select * from private.admin_stripe_event_states()` },
  { name: 'set_admin', call: (tx) => tx`select private.set_admin(${randomUUID()}, true)` },
];

describe('every admin function refuses anyone but an administrator', () => {
  it.each(FUNCTIONS)('$name: a member and anon get 42501, an administrator an answer', async ({ name, call }) => {
    expect(await errorCode(asUser(member, call)), `${name} as a member`).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await errorCode(asAnon(call)), `${name} as anon`).toBe(INSUFFICIENT_PRIVILEGE);
    // Admin claimed in user-editable metadata changes nothing.
    const pretender = await createUser('analytics-pretender');
    await sql`update auth.users set raw_user_meta_data = '{"role":"admin"}' where id = ${pretender.id}`;
    expect(await errorCode(asUser(pretender, call)), `${name} as a pretender`).toBe(INSUFFICIENT_PRIVILEGE);
    if (name === 'set_admin') {
      // The target does not exist: the admin gets past the check and is told so.
      expect(await errorCode(asUser(admin, call))).toBe('AD404');
    } else {
      expect(await errorCode(asUser(admin, call)), `${name} as an administrator`).toBeUndefined();
    }
  });

  it('the audit log table is readable by administrators only, and writable by nobody', async () => {
    const someone = await createUser('analytics-audited');
    await asUser(admin, (tx) => tx`select private.set_admin(${someone.id}, true)`);
    const entries = (user: TestUser) => asUser(user, (tx) => tx`select id from public.admin_audit_log where target_id = ${someone.id}`);
    expect(await entries(admin)).toHaveLength(1);
    expect(await entries(member)).toHaveLength(0);
    expect(await errorCode(asAnon((tx) => tx`select 1 from public.admin_audit_log`))).toBe(INSUFFICIENT_PRIVILEGE);
    for (const user of [admin, member]) {
      expect(
        await errorCode(asUser(user, (tx) => tx`insert into public.admin_audit_log (actor, action, target_id) values ('script', 'admin.grant', ${user.id})`)),
      ).toBe(INSUFFICIENT_PRIVILEGE);
      expect(await errorCode(asUser(user, (tx) => tx`delete from public.admin_audit_log where target_id = ${someone.id}`))).toBe(INSUFFICIENT_PRIVILEGE);
    }
    expect(await sql`select 1 from public.admin_audit_log where target_id = ${someone.id}`).toHaveLength(1);
  });

  it('refuses bad arguments with 22023', async () => {
    for (const call of [
      (tx: Sql) => tx`select * from private.admin_users('', 0, 0)`,
      (tx: Sql) => tx`select * from private.admin_users('', 101, 0)`,
      (tx: Sql) => tx`select * from private.admin_users('', 10, -1)`,
      (tx: Sql) => tx`select * from private.admin_daily_runs(0)`,
      (tx: Sql) => tx`select * from private.admin_daily_runs(367)`,
      (tx: Sql) => tx`select * from private.admin_model_usage(null)`,
      (tx: Sql) => tx`select * from private.admin_dead_events(0)`,
    ]) {
      expect(await errorCode(asUser(admin, call))).toBe('22023');
    }
  });
});

// ---------------------------------------------------------------------------------------------

interface SeedRun {
  user: TestUser;
  model: string;
  daysAgo: number;
  feedback?: 'approved' | 'rejected' | 'revised';
  feedbackDaysAgo?: number;
  input?: number;
  output?: number;
  cost?: string;
  atoms?: string[];
}

async function seedRun(run: SeedRun): Promise<void> {
  const created = sql`now() - make_interval(days => ${run.daysAgo})`;
  const feedbackAt = run.feedback ? sql`now() - make_interval(days => ${run.feedbackDaysAgo ?? run.daysAgo})` : sql`null`;
  await sql`
    insert into public.agent_runs (user_id, task, model, status, feedback, feedback_detail, feedback_at, input_tokens, output_tokens, cost_usd, selected_atoms, created_at, completed_at)
    values (${run.user.id}, 'Seeded for the admin analytics', ${run.model}, 'succeeded', ${run.feedback ?? null},
      ${run.feedback === 'revised' ? 'Shorter.' : null}, ${feedbackAt},
      ${run.input ?? 0}, ${run.output ?? 0}, ${run.cost ?? '0'}, ${run.atoms ?? []}::uuid[], ${created}, ${created})`;
}

/** Dollars as whole billionths, so sums of numeric(18, 9) compare exactly. */
const nanos = (usd: string) => {
  const [whole, fraction = ''] = usd.split('.');
  return BigInt(whole!) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9));
};

describe('admin_daily_runs and admin_model_usage', () => {
  it('counts runs, verdicts, tokens and cost per UTC day and per model, as the raw rows say', async () => {
    const user = await createUser('analytics-runs');
    const model = `model-${tag()}`;
    await seedRun({ user, model, daysAgo: 1, feedback: 'approved', input: 120, output: 80, cost: '0.000123456' });
    await seedRun({ user, model, daysAgo: 1, feedback: 'rejected', input: 10, output: 5, cost: '0.5' });
    await seedRun({ user, model, daysAgo: 3, feedback: 'revised', input: 1000, output: 1, cost: '1.000000001' });
    await seedRun({ user, model, daysAgo: 3, input: 7, output: 0 });
    // Outside the 30 days.
    await seedRun({ user, model, daysAgo: 45, feedback: 'approved', input: 99_999, output: 1, cost: '9' });

    const { raw, result } = await inSnapshot(
      admin,
      async (tx) => ({
        today: (await tx<{ today: string }[]>`select (now() at time zone 'UTC')::date::text as today`)[0]!.today,
        runs: await tx<{ day: string; model: string; feedback: string | null; tokens: number; cost: string }[]>`
          select (created_at at time zone 'UTC')::date::text as day, model, feedback, input_tokens + output_tokens as tokens, cost_usd::text as cost
          from public.agent_runs`,
      }),
      async (tx) => ({
        days: await tx<{ day: string; runs: number; rated: number; approved: number; tokens: string; cost_usd: string }[]>`
          select day::text, runs, rated, approved, tokens::text, cost_usd::text from private.admin_daily_runs(30)`,
        models: await tx<{ model: string; runs: number; tokens: string; cost_usd: string }[]>`
          select model, runs, tokens::text, cost_usd::text from private.admin_model_usage(30)`,
      }),
    );

    const first = new Date(Date.parse(`${raw.today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    const inRange = raw.runs.filter((run) => run.day >= first && run.day <= raw.today);
    const expectedDays = Array.from({ length: 30 }, (_, index) => {
      const day = new Date(Date.parse(`${first}T00:00:00Z`) + index * 86_400_000).toISOString().slice(0, 10);
      const runs = inRange.filter((run) => run.day === day);
      return {
        day,
        runs: runs.length,
        rated: runs.filter((run) => run.feedback !== null).length,
        approved: runs.filter((run) => run.feedback === 'approved').length,
        tokens: runs.reduce((sum, run) => sum + run.tokens, 0),
        cost: runs.reduce((sum, run) => sum + nanos(run.cost), 0n),
      };
    });
    expect(result.days.map(({ cost_usd, ...day }) => ({ ...day, tokens: Number(day.tokens), cost: nanos(cost_usd) }))).toEqual(expectedDays);
    expect(result.days[29]!.day).toBe(raw.today);

    // This file's own model: the four recent runs, not the old one.
    expect(result.models.find((row) => row.model === model)).toEqual({ model, runs: 4, tokens: String(120 + 80 + 10 + 5 + 1000 + 1 + 7), cost_usd: '1.500123457' });
    const modelNames = [...new Set(inRange.map((run) => run.model))];
    expect(result.models.map((row) => row.model).sort()).toEqual(modelNames.sort());
    // The most used first.
    expect(result.models.map((row) => row.runs)).toEqual([...result.models.map((row) => row.runs)].sort((a, b) => b - a));
  });

  it('GET /api/admin/analytics sums the days into totals and the approval rate', async () => {
    const res = await callRoute(getAnalytics, '/api/admin/analytics?days=7', { headers: bearer(admin) });
    expect(res.status).toBe(200);
    const { days, totals, models } = res.json as { days: { runs: number; rated: number; approved: number; tokens: number }[]; totals: Record<string, number | null>; models: unknown[] };
    expect(days).toHaveLength(7);
    const runs = days.reduce((sum, day) => sum + day.runs, 0);
    const rated = days.reduce((sum, day) => sum + day.rated, 0);
    const approved = days.reduce((sum, day) => sum + day.approved, 0);
    expect(totals).toMatchObject({ runs, rated, approved, tokens: days.reduce((sum, day) => sum + day.tokens, 0) });
    expect(totals.approvalRate).toBe(rated > 0 ? approved / rated : null);
    expect(runs).toBeGreaterThanOrEqual(4);
    expect(models.length).toBeGreaterThan(0);
    for (const query of ['?days=0', '?days=400', '?days=two', '?range=7']) {
      expect((await callRoute(getAnalytics, `/api/admin/analytics${query}`, { headers: bearer(admin) })).status).toBe(400);
    }
  });
});

describe('admin_atom_stats', () => {
  it("gives an atom's usage, success rate and the last 7 days against the 7 before", async () => {
    const name = `atom-${tag()}`;
    // Inactive, no slider, keywords or real role: assembly in other files never picks it.
    const [atom] = await sql<{ id: string }[]>`
      insert into public.prompt_atoms (name, category, system_prompt, is_active, target_roles, usage_count, success_count, success_rate)
      values (${name}, 'constraint', 'Seeded.', false, '{test-only-role}', 8, 5, 0.625) returning id`;
    const user = await createUser('analytics-atoms');
    const atoms = [atom!.id];
    for (const feedback of ['approved', 'approved', 'approved', 'rejected'] as const) await seedRun({ user, model: 'offline', daysAgo: 2, feedback, atoms });
    for (const feedback of ['approved', 'revised', 'rejected'] as const) await seedRun({ user, model: 'offline', daysAgo: 10, feedback, atoms });
    // Judged 20 days ago: in neither window.
    await seedRun({ user, model: 'offline', daysAgo: 20, feedback: 'rejected', atoms });
    // Created long ago, judged yesterday: counts where the verdict falls.
    await seedRun({ user, model: 'offline', daysAgo: 30, feedback: 'approved', feedbackDaysAgo: 1, atoms });

    const res = await callRoute(getAtomStats, '/api/admin/atom-stats', { headers: bearer(admin) });
    expect(res.status).toBe(200);
    const stat = res.json.atoms.find((row: { id: string }) => row.id === atom!.id);
    expect(stat).toEqual({
      id: atom!.id,
      name,
      category: 'constraint',
      version: 1,
      isActive: false,
      usageCount: 8,
      successCount: 5,
      successRate: 0.625,
      last7Days: { rated: 5, approved: 4, rate: 0.8 },
      previous7Days: { rated: 3, approved: 1, rate: 1 / 3 },
      trend: 0.8 - 1 / 3,
    });
    // The seeded library's active atoms are listed too, even unused.
    const [active] = await sql<{ count: number }[]>`select count(*)::int as count from public.prompt_atoms where is_active`;
    expect(res.json.atoms.filter((row: { isActive: boolean }) => row.isActive)).toHaveLength(active!.count);
  });
});

describe('admin_users', () => {
  it('searches by email or name as text, pages, and counts runs and last activity', async () => {
    const label = tag();
    const busy = await createUser(`${label}-busy`);
    const quiet = await createUser(`${label}-quiet`);
    const named = await createUser('analytics-named');
    await sql`update public.user_profiles set display_name = ${`Ada ${label}`} where user_id = ${named.id}`;
    await sql`update public.user_profiles set subscription_tier = 'pro' where user_id = ${busy.id}`;
    await seedRun({ user: busy, model: 'offline', daysAgo: 2 });
    await seedRun({ user: busy, model: 'offline', daysAgo: 0 });

    const { raw, result } = await inSnapshot(
      admin,
      (tx) => tx<{ id: string; last_sign_in_at: Date | null; last_run: Date | null; runs: number }[]>`
        select u.id, u.last_sign_in_at, max(r.created_at) as last_run, count(r.id)::int as runs
        from auth.users u left join public.agent_runs r on r.user_id = u.id
        where u.id in ${sql([busy.id, quiet.id, named.id])} group by u.id`,
      (tx) => tx<{ user_id: string; email: string; display_name: string | null; tier: string; is_admin: boolean; runs: number; last_active_at: Date | null; total: number }[]>`
        select * from private.admin_users(${label}, 10, 0)`,
    );
    const byId = new Map(raw.map((row) => [row.id, row]));
    const lastActive = (id: string) => {
      const row = byId.get(id)!;
      const times = [row.last_sign_in_at, row.last_run].filter((time): time is Date => time !== null).map((time) => time.getTime());
      return times.length ? Math.max(...times) : null;
    };
    expect(result.map((row) => row.user_id).sort()).toEqual([busy.id, quiet.id, named.id].sort());
    expect(result.every((row) => row.total === 3)).toBe(true);
    const busyRow = result.find((row) => row.user_id === busy.id)!;
    expect(busyRow).toMatchObject({ email: busy.email, tier: 'pro', is_admin: false, runs: 2 });
    expect(busyRow.last_active_at?.getTime()).toBe(lastActive(busy.id));
    expect(result.find((row) => row.user_id === named.id)).toMatchObject({ display_name: `Ada ${label}`, tier: 'free', runs: 0 });
    // Most recently active first.
    const order = [...result].sort((a, b) => (lastActive(b.user_id) ?? 0) - (lastActive(a.user_id) ?? 0)).map((row) => row.user_id);
    expect(result.map((row) => row.user_id)).toEqual(order);

    // % and _ are the characters themselves, not patterns.
    const wildcard = `${label.slice(0, 4)}_${label.slice(5)}`;
    expect(await asUser(admin, (tx) => tx`select * from private.admin_users(${wildcard}, 10, 0)`)).toHaveLength(0);
    expect(await asUser(admin, (tx) => tx`select * from private.admin_users(${`${label}%busy`}, 10, 0)`)).toHaveLength(0);

    const page = (query: string) => callRoute(getUsers, `/api/admin/users${query}`, { headers: bearer(admin) });
    const first = await page(`?search=${label}`);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ total: 3, page: 1, pageSize: 25 });
    expect(first.json.users.find((user: { id: string }) => user.id === busy.id)).toEqual({
      id: busy.id,
      email: busy.email,
      displayName: null,
      tier: 'pro',
      isAdmin: false,
      runs: 2,
      lastActiveAt: new Date(lastActive(busy.id)!).toISOString(),
      createdAt: expect.any(String),
    });
    expect((await page(`?search=${label}&page=2`)).json).toMatchObject({ users: [], total: 3, page: 2 });
    expect((await page(`?search=${label.toUpperCase()}-BUSY`)).json.users.map((user: { id: string }) => user.id)).toEqual([busy.id]);
    for (const query of ['?page=0', '?page=x', '?search=' + 'a'.repeat(201), '?sort=email']) expect((await page(query)).status).toBe(400);
  });
});

describe('admin_event_states, admin_queue_states, admin_dead_events and admin_stripe_event_states', () => {
  it('count each state as the raw rows do, and list the dead events', async () => {
    const user = await createUser('analytics-events');
    const [dead] = await sql<{ id: string }[]>`
      insert into public.background_events (user_id, event_type, delivery_id, repository, status, reason, attempts)
      values (${user.id}, 'issue.created', ${tag()}, 'acme/api', 'dead', 'provider_error: down', 4) returning id`;
    await sql`insert into public.background_events (user_id, event_type, delivery_id, status, reason) values (${user.id}, 'push', ${tag()}, 'skipped', 'auto-suggest is off')`;
    await sql`insert into public.stripe_events (id, type, created, livemode, processed_at, attempts) values (${`evt_${tag()}`}, 'invoice.paid', now(), false, now(), 1)`;
    await sql`insert into public.stripe_events (id, type, created, livemode, attempts, last_error) values (${`evt_${tag()}`}, 'invoice.paid', now(), false, 2, 'StripeConnectionError')`;
    await sql`insert into public.stripe_events (id, type, created, livemode) values (${`evt_${tag()}`}, 'customer.created', now(), false)`;

    const { raw, result } = await inSnapshot(
      admin,
      async (tx) => ({
        events: await tx<{ status: string }[]>`select status from public.background_events`,
        jobs: await tx<{ state: string }[]>`select state::text from pgboss.job where name = 'code-repo-events'`,
        stripe: await tx<{ processed: boolean; failed: boolean }[]>`select processed_at is not null as processed, last_error is not null as failed from public.stripe_events`,
        dead: await tx<{ id: string }[]>`select id from public.background_events where status = 'dead' order by created_at desc, id limit 100`,
      }),
      async (tx) => ({
        events: await tx<{ status: string; events: number }[]>`select status, events from private.admin_event_states()`,
        queue: await tx<{ state: string; jobs: number }[]>`select * from private.admin_queue_states()`,
        dead: await tx<{ event_id: string; email: string; reason: string; attempts: number; repository: string }[]>`select * from private.admin_dead_events(100)`,
        stripe: await tx<{ state: string; events: number }[]>`select state, events from private.admin_stripe_event_states()`,
      }),
    );
    const tally = (values: string[], states: readonly string[]) => states.map((state) => values.filter((value) => value === state).length);
    const eventStates = ['received', 'processed', 'skipped', 'failed', 'dead'];
    expect(result.events.map((row) => row.status)).toEqual(eventStates);
    expect(result.events.map((row) => row.events)).toEqual(tally(raw.events.map((row) => row.status), eventStates));
    expect(result.events.find((row) => row.status === 'dead')!.events).toBeGreaterThanOrEqual(1);

    const jobStates = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'];
    expect(result.queue.map((row) => row.state)).toEqual(jobStates);
    expect(result.queue.map((row) => row.jobs)).toEqual(tally(raw.jobs.map((row) => row.state), jobStates));

    expect(result.dead.map((row) => row.event_id)).toEqual(raw.dead.map((row) => row.id));
    expect(result.dead.find((row) => row.event_id === dead!.id)).toMatchObject({ email: user.email, reason: 'provider_error: down', attempts: 4, repository: 'acme/api' });

    const stripeState = (row: { processed: boolean; failed: boolean }) => (row.processed ? 'processed' : row.failed ? 'failing' : 'pending');
    expect(result.stripe.map((row) => row.state)).toEqual(['processed', 'failing', 'pending']);
    expect(result.stripe.map((row) => row.events)).toEqual(tally(raw.stripe.map(stripeState), ['processed', 'failing', 'pending']));
    expect(result.stripe.every((row) => row.events >= 1)).toBe(true);

    const res = await callRoute(getHealth, '/api/admin/health', { headers: bearer(admin) });
    expect(res.status).toBe(200);
    expect(res.json.deadEvents.find((event: { id: string }) => event.id === dead!.id)).toMatchObject({ userId: user.id, email: user.email, eventType: 'issue.created' });
    expect(Object.keys(res.json).sort()).toEqual(['deadEvents', 'events', 'jobs', 'lastCronRun', 'migrations', 'queue', 'stripe', 'stripeLedger']);
    await sql`delete from public.background_events where user_id = ${user.id}`;
  });
});
