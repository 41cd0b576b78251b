import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as webhookGet, POST as webhookPost } from '@/app/api/webhooks/code-repo/route';
import { MAX_CODE_REPO_BODY_BYTES } from '@/lib/events/handle-code-repo-webhook';
import { verifyGithubSignature } from '@/lib/events/verify-github-signature';
import { checkSuite, connectRepository, deliver, eventsOf, issueOpened, pullRequest, signGithub, WEBHOOK_SECRET, workflowRun } from '@/tests/support/code-repo';
import { ownerSql } from '@/tests/support/database';
import { setEnv } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { createUser } from '@/tests/support/users';

/** POST /webhooks/code-repo: GitHub's signature, the event mapping, deduplication and the job written with the event. */

const sql = ownerSql();
const envelope = (code: string) => ({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });
const jobOf = async (jobId: string) =>
  (await sql<{ name: string; group_id: string | null; data: { eventId: string } }[]>`select name, group_id, data from pgboss.job where id = ${jobId}`)[0];
const eventCount = async (deliveryId: string) => (await eventsOf(sql, deliveryId)).length;

beforeEach(() => setEnv({ CODE_REPO_WEBHOOK_SECRET: WEBHOOK_SECRET, CODE_REPO_WEBHOOK_SECRET_PREVIOUS: undefined }));
afterAll(() => setEnv({ CODE_REPO_WEBHOOK_SECRET: undefined, CODE_REPO_WEBHOOK_SECRET_PREVIOUS: undefined }));

async function connected() {
  const user = await createUser('repo');
  return { user, ...(await connectRepository(sql, user)) };
}

describe('signature', () => {
  it("passes GitHub's documented test vector", () => {
    const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(verifyGithubSignature(Buffer.from('Hello, World!'), signature, ["It's a Secret to Everybody"])).toBe(true);
    expect(verifyGithubSignature(Buffer.from('Hello, World?'), signature, ["It's a Secret to Everybody"])).toBe(false);
    expect(verifyGithubSignature(Buffer.from('Hello, World!'), signature, ['another secret entirely'])).toBe(false);
  });

  it('accepts a delivery signed as in the test vector end to end', async () => {
    setEnv({ CODE_REPO_WEBHOOK_SECRET: "It's a Secret to Everybody" });
    const res = await deliver({ event: 'ping', payload: 'Hello, World!', signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: true, outcome: 'pong', events: 0 });
  });

  it.each([
    { name: 'no signature', signature: null },
    { name: 'a signature made with another secret', secret: 'someone-elses-secret-0123456789' },
    { name: 'a signature that is not one', signature: 'sha256=nothex' },
    { name: 'a sha1 signature', signature: 'sha1=0123456789abcdef0123456789abcdef01234567' },
  ])('$name → 401, nothing stored', async ({ signature, secret }) => {
    const { fullName } = await connected();
    const res = await deliver({ event: 'pull_request', payload: pullRequest(fullName, 'opened'), signature, secret });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope('unauthorized'));
    expect(await eventCount(res.deliveryId)).toBe(0);
  });

  it('a body changed after signing → 401, nothing stored', async () => {
    const { fullName } = await connected();
    const signed = JSON.stringify(pullRequest(fullName, 'opened'));
    const res = await deliver({ event: 'pull_request', payload: signed.replace('Add rate limiting', 'Drop all tables'), signature: signGithub(signed) });
    expect(res.status).toBe(401);
    expect(await eventCount(res.deliveryId)).toBe(0);
  });

  it('accepts the previous secret while it is set, and not after', async () => {
    const { fullName } = await connected();
    setEnv({ CODE_REPO_WEBHOOK_SECRET: 'the-new-secret-0123456789abcdef', CODE_REPO_WEBHOOK_SECRET_PREVIOUS: WEBHOOK_SECRET });
    const old = await deliver({ event: 'issues', payload: issueOpened(fullName) });
    expect(old.status).toBe(200);
    expect(await eventCount(old.deliveryId)).toBe(1);
    const fresh = await deliver({ event: 'issues', payload: issueOpened(fullName), secret: 'the-new-secret-0123456789abcdef' });
    expect(fresh.status).toBe(200);
    setEnv({ CODE_REPO_WEBHOOK_SECRET_PREVIOUS: undefined });
    const retired = await deliver({ event: 'issues', payload: issueOpened(fullName) });
    expect(retired.status).toBe(401);
    expect(await eventCount(retired.deliveryId)).toBe(0);
  });

  it('refuses every delivery while no secret is configured', async () => {
    setEnv({ CODE_REPO_WEBHOOK_SECRET: undefined });
    const { fullName } = await connected();
    const res = await deliver({ event: 'issues', payload: issueOpened(fullName) });
    expect(res.status).toBe(503);
    expect(res.json).toEqual(envelope('service_unavailable'));
    expect(await eventCount(res.deliveryId)).toBe(0);
  });
});

describe('events', () => {
  it.each([
    { event: 'pull_request', payload: (r: string) => pullRequest(r, 'opened'), type: 'repo.pr.opened' },
    { event: 'pull_request', payload: (r: string) => pullRequest(r, 'reopened'), type: 'repo.pr.reopened' },
    { event: 'pull_request', payload: (r: string) => pullRequest(r, 'synchronize'), type: 'repo.pr.synchronized' },
    { event: 'pull_request', payload: (r: string) => pullRequest(r, 'closed', { merged: true }), type: 'repo.pr.merged' },
    { event: 'pull_request', payload: (r: string) => pullRequest(r, 'closed', { merged: false }), type: 'repo.pr.closed' },
    { event: 'workflow_run', payload: (r: string) => workflowRun(r, 'failure'), type: 'repo.build.completed', conclusion: 'failure' },
    { event: 'check_suite', payload: (r: string) => checkSuite(r, 'success'), type: 'repo.build.completed', conclusion: 'success' },
    { event: 'issues', payload: (r: string) => issueOpened(r), type: 'issue.created' },
  ])('$event $type → one event and its job, the owner as its group', async ({ event, payload, type, conclusion }) => {
    const { user, id: repositoryId, fullName } = await connected();
    const res = await deliver({ event, payload: payload(fullName) });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: true, outcome: 'stored', events: 1 });
    const [stored] = await eventsOf(sql, res.deliveryId);
    // Stored for its owner, as received; on a shared database another file's drain may already have
    // taken the job (its owner has auto-suggest off, so it is skipped), which is no less stored.
    expect(stored).toMatchObject({ user_id: user.id, event_type: type });
    expect([{ status: 'received', reason: null }, { status: 'skipped', reason: 'auto-suggest is off' }]).toContainEqual({ status: stored!.status, reason: stored!.reason });
    const [row] = await sql`select repository, repository_id from public.background_events where id = ${stored!.id}`;
    expect(row).toEqual({ repository: fullName, repository_id: repositoryId });
    if (conclusion) expect(stored!.payload.conclusion).toBe(conclusion);
    // Only the fields a task is written from are kept, never the raw body.
    expect(stored!.payload).not.toHaveProperty('repository');
    expect(stored!.payload).not.toHaveProperty('sender');
    expect(await jobOf(stored!.job_id)).toEqual({ name: 'code-repo-events', group_id: user.id, data: { eventId: stored!.id } });
  });

  it.each([
    { event: 'push', payload: (r: string) => ({ ref: 'refs/heads/main', repository: { full_name: r } }) },
    { event: 'pull_request', payload: (r: string) => pullRequest(r, 'labeled') },
    { event: 'workflow_run', payload: (r: string) => workflowRun(r, 'success', 'requested') },
    { event: 'check_suite', payload: (r: string) => checkSuite(r, 'success', 'requested') },
    { event: 'issues', payload: (r: string) => issueOpened(r, 'closed') },
    { event: 'pull_request', payload: (r: string) => ({ action: 'opened', repository: { full_name: r } }) },
  ])('$event that is not mapped → 200, not stored', async ({ event, payload }) => {
    const { fullName } = await connected();
    const res = await deliver({ event, payload: payload(fullName) });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: true, outcome: 'ignored', events: 0 });
    expect(await eventCount(res.deliveryId)).toBe(0);
  });

  it('ping → 200, nothing stored', async () => {
    const res = await deliver({ event: 'ping', payload: { zen: 'Keep it logically awesome.', hook_id: 1 } });
    expect(res.json).toEqual({ received: true, outcome: 'pong', events: 0 });
    expect(await eventCount(res.deliveryId)).toBe(0);
  });

  it('an unknown repository → 202, not stored', async () => {
    const res = await deliver({ event: 'issues', payload: issueOpened(`nobody-${randomUUID().slice(0, 8)}/api`) });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ received: true, outcome: 'unknown_repository', events: 0 });
    expect(await eventCount(res.deliveryId)).toBe(0);
  });

  it('matches the repository without regard to case, as GitHub does', async () => {
    const { fullName } = await connected();
    const res = await deliver({ event: 'issues', payload: issueOpened(fullName.toUpperCase()) });
    expect(res.json.outcome).toBe('stored');
  });

  it('the same delivery twice is one event with one job', async () => {
    const { fullName } = await connected();
    const deliveryId = randomUUID();
    const first = await deliver({ event: 'issues', payload: issueOpened(fullName), deliveryId });
    const again = await deliver({ event: 'issues', payload: issueOpened(fullName), deliveryId });
    expect(first.json.outcome).toBe('stored');
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ received: true, outcome: 'duplicate', events: 0 });
    const events = await eventsOf(sql, deliveryId);
    expect(events).toHaveLength(1);
    expect(await sql`select 1 from pgboss.job where data->>'eventId' = ${events[0]!.id}`).toHaveLength(1);
  });

  it('a redelivery of an event that ended dead is queued again', async () => {
    const { fullName } = await connected();
    const first = await deliver({ event: 'issues', payload: issueOpened(fullName) });
    const [event] = await eventsOf(sql, first.deliveryId);
    // Another file's drain on a shared database must not finish this event after it is made dead:
    // its job is withdrawn while it still waits, or else the drain that took it is waited for.
    const withdrawn = await sql`update pgboss.job set state = 'cancelled' where id = ${event!.job_id} and state in ('created', 'retry') returning id`;
    if (withdrawn.length === 0) {
      await vi.waitFor(async () => expect((await eventsOf(sql, first.deliveryId))[0]!.status).not.toBe('received'), { timeout: 10_000, interval: 50 });
    }
    await sql`update public.background_events set status = 'dead', reason = 'provider_error: down' where id = ${event!.id}`;
    const again = await deliver({ event: 'issues', payload: issueOpened(fullName), deliveryId: first.deliveryId });
    expect(again.json).toEqual({ received: true, outcome: 'stored', events: 1 });
    const [requeued] = await eventsOf(sql, first.deliveryId);
    // Queued again (no longer dead); another file's drain on a shared database may have taken it already.
    expect(requeued).toMatchObject({ id: event!.id });
    expect([{ status: 'received', reason: null }, { status: 'skipped', reason: 'auto-suggest is off' }]).toContainEqual({ status: requeued!.status, reason: requeued!.reason });
    expect(requeued!.job_id).not.toBe(event!.job_id);
    expect(await jobOf(requeued!.job_id)).toMatchObject({ data: { eventId: event!.id } });
  });

  it('a repository two users connected gives each their own event', async () => {
    const { fullName } = await connected();
    const other = await createUser('repo-other');
    await connectRepository(sql, other, fullName);
    const res = await deliver({ event: 'issues', payload: issueOpened(fullName) });
    expect(res.json).toEqual({ received: true, outcome: 'stored', events: 2 });
    expect(new Set((await eventsOf(sql, res.deliveryId)).map((e) => e.user_id)).size).toBe(2);
  });

  it('a body that is not JSON → 400, nothing stored', async () => {
    const res = await deliver({ event: 'issues', payload: 'payload=%7B%7D' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(envelope('invalid_json'));
    expect(await eventCount(res.deliveryId)).toBe(0);
  });

  it('no X-GitHub-Delivery → 400', async () => {
    const { fullName } = await connected();
    const res = await deliver({ event: 'issues', payload: issueOpened(fullName), deliveryId: '' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(envelope('bad_request'));
  });

  it('a body over 25 MB → 413, nothing stored', async () => {
    const res = await callRoute(webhookPost, '/api/webhooks/code-repo', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': String(MAX_CODE_REPO_BODY_BYTES + 1), 'x-github-event': 'issues', 'x-github-delivery': randomUUID() },
    });
    expect(res.status).toBe(413);
    expect(res.json).toEqual(envelope('payload_too_large'));
  });

  it('other methods → 405', async () => {
    const res = await callRoute(webhookGet, '/api/webhooks/code-repo');
    expect(res.status).toBe(405);
  });
});
