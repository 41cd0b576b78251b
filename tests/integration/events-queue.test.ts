import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getConstructionPlans } from 'pg-boss';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CODE_REPO_QUEUE, eventQueue } from '@/lib/events/event-queue';
import { drainEvents } from '@/lib/events/drain-events';
import { AUTO_SUGGEST_OFF, LIMIT_REACHED, processEventJob } from '@/lib/events/process-event-job';
import { logger } from '@/lib/observability/logger';
import type { EventJob } from '@/lib/zod/schemas/events';
import { connectRepository, deliver, eventsOf, issueOpened, pullRequest, setAutoSuggest, WEBHOOK_SECRET, workflowRun, type StoredEvent } from '@/tests/support/code-repo';
import { ownerSql } from '@/tests/support/database';
import { fakeOpenAIForThisFile, setEnv } from '@/tests/support/fake-openai';
import { createUser, type TestUser } from '@/tests/support/users';

/**
 * The queue: pg-boss's schema as migration 023 installs it, and the drains that turn events into
 * suggestions through the run pipeline, with the real provider SDK talking to the fake.
 */

const sql = ownerSql();
const fake = await fakeOpenAIForThisFile();
const log = logger.child({ test: 'events-queue' });
const drain = () => drainEvents({ budgetMs: 20_000, log });

beforeEach(() => setEnv({ CODE_REPO_WEBHOOK_SECRET: WEBHOOK_SECRET }));
afterAll(() => setEnv({ CODE_REPO_WEBHOOK_SECRET: undefined }));

async function owner(autoSuggest = true): Promise<{ user: TestUser; fullName: string }> {
  const user = await createUser('events');
  await setAutoSuggest(sql, user, autoSuggest);
  return { user, ...(await connectRepository(sql, user)) };
}

async function delivered(fullName: string, event = 'pull_request', payload: object = pullRequest(fullName, 'closed', { merged: true })): Promise<StoredEvent> {
  const res = await deliver({ event, payload });
  expect(res.json.outcome).toBe('stored');
  return (await eventsOf(sql, res.deliveryId))[0]!;
}

const eventRow = async (id: string) =>
  (await sql<{ status: string; reason: string | null; attempts: number }[]>`select status, reason, attempts from public.background_events where id = ${id}`)[0];
const suggestionsOf = (eventId: string) =>
  sql<{ id: string; status: string; trigger: string; suggestion_status: string | null; task: string; output_type: string }[]>`
    select id, status, trigger, suggestion_status, task, output_type from public.agent_runs where background_event_id = ${eventId} order by created_at`;
const jobState = async (jobId: string) => (await sql<{ state: string }[]>`select state::text from pgboss.job where id = ${jobId}`)[0]?.state;
/** Makes a job waiting out its retry delay due now, so the test need not wait. */
const dueNow = (jobId: string) => sql`update pgboss.job set start_after = now() where id = ${jobId}`;

describe("pg-boss's schema", () => {
  it('is exactly what the installed pg-boss constructs, without its own transaction', async () => {
    const migration = await readFile(path.join(process.cwd(), 'supabase/migrations/023_code_repo_events.sql'), 'utf8');
    const installed = migration.slice(migration.indexOf('-- pg-boss:begin\n') + '-- pg-boss:begin\n'.length, migration.indexOf('-- pg-boss:end'));
    const constructed = getConstructionPlans('pgboss').replace(/^\s*BEGIN;\n/, '').replace(/\n\s*COMMIT;\s*$/, '\n');
    expect(installed.trim()).toBe(constructed.trim());
  });

  it('is installed at the version pg-boss expects, with the queue, and pg-boss starts on it without changing it', async () => {
    const boss = await eventQueue();
    expect(await boss.isInstalled()).toBe(true);
    expect(await boss.schemaVersion()).toBe(46);
    expect(await boss.getQueue(CODE_REPO_QUEUE)).toMatchObject({ name: CODE_REPO_QUEUE, retryLimit: 3, retryBackoff: true, expireInSeconds: 120 });
  });

  it('is not readable by anon or authenticated', async () => {
    for (const role of ['anon', 'authenticated']) {
      const [row] = await sql<{ usage: boolean; job: boolean; queue: boolean }[]>`
        select has_schema_privilege(${role}, 'pgboss', 'usage') as usage,
          has_table_privilege(${role}, 'pgboss.job', 'select') as job,
          has_table_privilege(${role}, 'pgboss.queue', 'select') as queue`;
      expect(row).toEqual({ usage: false, job: false, queue: false });
    }
  });
});

describe('drain', () => {
  it('turns a merged pull request into a suggestion run of the normal pipeline, with a task written from its fields', async () => {
    const { user, fullName } = await owner();
    const event = await delivered(fullName);
    await drain();
    expect(await eventRow(event.id)).toEqual({ status: 'processed', reason: null, attempts: 1 });
    const [run, ...others] = await suggestionsOf(event.id);
    expect(others).toHaveLength(0);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'background_event', suggestion_status: 'pending', output_type: 'insight' });
    expect(run!.task).toMatch(new RegExp(`^PR #42 "Add rate limiting" was merged in ${fullName} \\(rate-limit → main\\) by octocat\\.`));
    expect(run!.task).not.toContain('{');
    const [owned] = await sql`select user_id from public.agent_runs where id = ${run!.id}`;
    expect(owned).toEqual({ user_id: user.id });
    // The provider saw the task in the assembled prompt, as for any run.
    expect(JSON.stringify(fake.requests.at(-1)!.body.messages)).toContain('Add rate limiting');
    expect(await jobState(event.job_id)).toBe('completed');
  });

  it.each([
    { name: 'a failed build', event: 'workflow_run', payload: (r: string) => workflowRun(r, 'failure'), task: /^The "CI" build #17 on main of .+ \(commit abc1234\) finished: failure\. Suggest how to find the cause/ },
    { name: 'a new issue', event: 'issues', payload: (r: string) => issueOpened(r), task: /^Issue #7 "Login fails on Safari" was opened in .+ by hubot\./ },
  ])('writes the task of $name for its type', async ({ event, payload, task }) => {
    const { fullName } = await owner();
    const stored = await delivered(fullName, event, payload(fullName));
    await drain();
    const [run] = await suggestionsOf(stored.id);
    expect(run!.task).toMatch(task);
  });

  it('auto-suggest off → skipped with the reason, no run, no provider call', async () => {
    const { fullName } = await owner(false);
    const event = await delivered(fullName);
    const calls = fake.requests.length;
    await drain();
    expect(await eventRow(event.id)).toMatchObject({ status: 'skipped', reason: AUTO_SUGGEST_OFF });
    expect(await suggestionsOf(event.id)).toHaveLength(0);
    expect(fake.requests.length).toBe(calls);
    expect(await jobState(event.job_id)).toBe('completed');
  });

  it('a used-up limit → skipped with "limit reached", no run', async () => {
    const { user, fullName } = await owner();
    await sql`
      insert into public.usage_metrics (user_id, metric_type, period_start, count)
      values (${user.id}, 'runs', private.usage_period_start(), 1000000)
      on conflict (user_id, metric_type, period_start) do update set count = excluded.count`;
    const event = await delivered(fullName);
    await drain();
    expect(await eventRow(event.id)).toMatchObject({ status: 'skipped', reason: LIMIT_REACHED });
    expect(await suggestionsOf(event.id)).toHaveLength(0);
  });

  it('a job run twice makes one suggestion', async () => {
    const { fullName } = await owner();
    const event = await delivered(fullName);
    const job = { id: event.job_id, name: CODE_REPO_QUEUE, data: { eventId: event.id }, retryCount: 0, retryLimit: 3 } as Parameters<typeof processEventJob>[0];
    expect(await processEventJob(job, { log })).toBe('processed');
    expect(await processEventJob(job, { log })).toBe('processed');
    // A settled event whose row was reset (a suggestion exists) still makes no second run.
    await sql`update public.background_events set status = 'received' where id = ${event.id}`;
    expect(await processEventJob(job, { log })).toBe('processed');
    expect(await suggestionsOf(event.id)).toHaveLength(1);
  });

  it('two concurrent drains take each job once', async () => {
    const events: StoredEvent[] = [];
    for (let i = 0; i < 6; i += 1) {
      const { fullName } = await owner();
      events.push(await delivered(fullName, 'issues', issueOpened(fullName)));
    }
    const calls = fake.requests.length;
    await Promise.all([drain(), drain()]);
    for (const event of events) {
      expect(await eventRow(event.id)).toMatchObject({ status: 'processed', attempts: 1 });
      expect(await suggestionsOf(event.id)).toHaveLength(1);
    }
    expect(fake.requests.length - calls).toBe(events.length);
  });

  it('a job whose drain died is processed once after its lease expires', async () => {
    const { fullName } = await owner();
    const event = await delivered(fullName, 'issues', issueOpened(fullName));
    const boss = await eventQueue();
    // A drain takes the job and dies before settling it.
    const taken = await boss.fetch<EventJob>(CODE_REPO_QUEUE, { batchSize: 100 });
    expect(taken.map((job) => job.id)).toContain(event.job_id);
    await drain();
    expect(await suggestionsOf(event.id)).toHaveLength(0);
    expect(await jobState(event.job_id)).toBe('active');
    // Its 2-minute lease runs out, and so does the interval between pg-boss's maintenance passes.
    await sql`update pgboss.job set started_on = now() - interval '10 minutes' where id = ${event.job_id}`;
    await sql`update pgboss.queue set monitor_on = null, monitor_claim_on = null, maintain_on = null where name = ${CODE_REPO_QUEUE}`;
    await drain();
    expect(await jobState(event.job_id)).toBe('retry');
    await dueNow(event.job_id);
    await drain();
    expect(await eventRow(event.id)).toMatchObject({ status: 'processed' });
    expect(await suggestionsOf(event.id)).toHaveLength(1);
  });

  it('a suggestion run a killed drain left running is closed once stale, and the event processed', async () => {
    const { fullName } = await owner();
    const event = await delivered(fullName, 'issues', issueOpened(fullName));
    const job = { id: event.job_id, name: CODE_REPO_QUEUE, data: { eventId: event.id }, retryCount: 1, retryLimit: 3 } as Parameters<typeof processEventJob>[0];
    expect(await processEventJob(job, { log })).toBe('processed');
    const [first] = await suggestionsOf(event.id);
    await sql`update public.agent_runs set status = 'running', started_at = now() - interval '1 minute' where id = ${first!.id}`;
    await sql`update public.background_events set status = 'received' where id = ${event.id}`;
    // Still fresh: another drain may be answering it.
    expect(await processEventJob(job, { log })).toBe('failed');
    await sql`update public.agent_runs set started_at = now() - interval '10 minutes' where id = ${first!.id}`;
    expect(await processEventJob(job, { log })).toBe('processed');
    expect((await suggestionsOf(event.id)).map((run) => run.status)).toEqual(['failed', 'succeeded']);
  });

  it('a failing provider → retried with backoff, then dead with the reason', async () => {
    const { fullName } = await owner();
    const event = await delivered(fullName);
    fake.setDefault({ kind: 'error', status: 500, message: 'the model is down' });
    await drain();
    expect(await eventRow(event.id)).toMatchObject({ status: 'failed', attempts: 1, reason: expect.stringMatching(/^provider_error: /) });
    const [waiting] = await sql<{ state: string; later: boolean }[]>`select state::text, start_after > now() as later from pgboss.job where id = ${event.job_id}`;
    expect(waiting).toEqual({ state: 'retry', later: true });
    for (let attempt = 2; attempt <= 4; attempt += 1) {
      await dueNow(event.job_id);
      await drain();
      expect(await eventRow(event.id)).toMatchObject({ attempts: attempt });
    }
    expect(await eventRow(event.id)).toMatchObject({ status: 'dead', reason: expect.stringMatching(/^provider_error: /) });
    expect(await jobState(event.job_id)).toBe('failed');
    // Each attempt's failed run is kept, as any failed run is; none is a suggestion to act on.
    const runs = await suggestionsOf(event.id);
    expect(runs.map((run) => run.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
  });

  it('is fair: 10 events of one owner are all done before a tenth of another owner’s 1,000 queued before them', async () => {
    const busy = await owner(false);
    const quiet = await owner(false);
    const boss = await eventQueue();
    const enqueue = async ({ user, fullName }: { user: TestUser; fullName: string }, count: number) => {
      const rows = await sql<{ id: string; job_id: string }[]>`
        insert into public.background_events (user_id, event_type, delivery_id, repository, repository_id, payload, job_id)
        select ${user.id}, 'issue.created', ${fullName} || '-' || g, r.full_name, r.id, '{"number": 1, "title": "Fairness"}', gen_random_uuid()
        from generate_series(1, ${count}) g, public.connected_repositories r where r.user_id = ${user.id}
        returning id, job_id`;
      await boss.insert(CODE_REPO_QUEUE, rows.map((row) => ({ id: row.job_id, data: { eventId: row.id }, group: { id: user.id } })));
    };
    await enqueue(busy, 1000);
    await enqueue(quiet, 10);
    const pending = async () =>
      (await sql<{ n: number }[]>`select count(*)::int as n from public.background_events where user_id in (${busy.user.id}, ${quiet.user.id}) and status = 'received'`)[0]!.n;
    for (let pass = 0; pass < 100 && (await pending()) > 0; pass += 1) await drain();
    expect(await pending()).toBe(0);
    const [order] = await sql<{ busy_before: number }[]>`
      select count(*)::int as busy_before from public.background_events
      where user_id = ${busy.user.id}
        and processed_at < (select max(processed_at) from public.background_events where user_id = ${quiet.user.id})`;
    expect(order!.busy_before).toBeLessThan(100);
  }, 120_000);
});
