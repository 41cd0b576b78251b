import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DELETE as deleteRepository } from '@/app/api/repositories/[id]/route';
import { GET as listRepositories, POST as connect } from '@/app/api/repositories/route';
import { GET as listEvents } from '@/app/api/events/route';
import { POST as retry } from '@/app/api/events/[id]/retry/route';
import { POST as decide } from '@/app/api/runs/[id]/suggestion/route';
import { POST as createRun } from '@/app/api/runs/route';
import { drainEvents } from '@/lib/events/drain-events';
import { logger } from '@/lib/observability/logger';
import { deliver, eventsOf, issueOpened, setAutoSuggest, WEBHOOK_SECRET } from '@/tests/support/code-repo';
import { ownerSql } from '@/tests/support/database';
import { fakeOpenAIForThisFile, setEnv } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/** The repositories and events API: connecting, listing, disconnecting, recent deliveries and Retry, each only for its owner. */

const sql = ownerSql();
await fakeOpenAIForThisFile();
const drain = () => drainEvents({ budgetMs: 20_000, log: logger });
const envelope = (code: string) => ({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });
const uniqueName = () => `acme-${crypto.randomUUID().slice(0, 8)}/API`;

beforeEach(() => setEnv({ CODE_REPO_WEBHOOK_SECRET: WEBHOOK_SECRET }));
afterAll(() => setEnv({ CODE_REPO_WEBHOOK_SECRET: undefined }));

const connectAs = (user: TestUser, body: unknown) => callRoute(connect, '/api/repositories', { method: 'POST', body: body as object, headers: bearer(user) });
const repositoriesOf = async (user: TestUser) => (await callRoute(listRepositories, '/api/repositories', { headers: bearer(user) })).json.repositories;
const eventsOfUser = async (user: TestUser) => (await callRoute(listEvents, '/api/events', { headers: bearer(user) })).json.events;
const retryAs = (user: TestUser, id: string) => callRoute(retry, `/api/events/${id}/retry`, { method: 'POST', headers: bearer(user), params: { id } });

describe('/api/repositories', () => {
  it('connects, lists with the last delivery, refuses a second connect and disconnects', async () => {
    const user = await createUser('repos');
    const fullName = uniqueName();
    const created = await connectAs(user, { fullName });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.any(String), fullName, createdAt: expect.any(String), lastEvent: null });
    expect((await connectAs(user, { fullName: fullName.toLowerCase() })).status).toBe(409);

    await deliver({ event: 'issues', payload: issueOpened(fullName) });
    const [listed] = await repositoriesOf(user);
    // Received, or already skipped by a drain of another file sharing the database (auto-suggest is off).
    expect(listed).toMatchObject({ id: created.json.id, fullName, lastEvent: { eventType: 'issue.created', status: expect.stringMatching(/^(received|skipped)$/) } });

    const removed = await callRoute(deleteRepository, `/api/repositories/${created.json.id}`, { method: 'DELETE', headers: bearer(user), params: { id: created.json.id } });
    expect(removed.status).toBe(204);
    expect(await repositoriesOf(user)).toEqual([]);
    expect((await deliver({ event: 'issues', payload: issueOpened(fullName) })).status).toBe(202);
  });

  it.each([{ fullName: 'not-a-repository' }, { fullName: 'a/b/c' }, { fullName: '../etc' }, {}, { fullName: 'acme/api', extra: 1 }])('refuses %o → 400', async (body) => {
    const user = await createUser('repos-bad');
    const res = await connectAs(user, body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(envelope('validation_failed'));
  });

  it("another user sees none of A's repositories and cannot disconnect them", async () => {
    const a = await createUser('repos-a');
    const b = await createUser('repos-b');
    const { json } = await connectAs(a, { fullName: uniqueName() });
    expect(await repositoriesOf(b)).toEqual([]);
    const res = await callRoute(deleteRepository, `/api/repositories/${json.id}`, { method: 'DELETE', headers: bearer(b), params: { id: json.id } });
    expect(res.status).toBe(404);
    expect(await repositoriesOf(a)).toHaveLength(1);
  });

  it('needs a signed-in caller', async () => {
    expect((await callRoute(listRepositories, '/api/repositories')).status).toBe(401);
  });
});

describe('/api/events', () => {
  async function eventOf(user: TestUser) {
    const { json } = await connectAs(user, { fullName: uniqueName() });
    const res = await deliver({ event: 'issues', payload: issueOpened(json.fullName) });
    return (await eventsOf(sql, res.deliveryId))[0]!;
  }

  it('lists recent deliveries with their state, reason and suggestion; only the caller’s', async () => {
    const a = await createUser('events-a');
    const b = await createUser('events-b');
    await setAutoSuggest(sql, a, true);
    const processed = await eventOf(a);
    await drain();
    const skippedUser = await createUser('events-skip');
    const skipped = await eventOf(skippedUser);
    await drain();

    const [listed] = await eventsOfUser(a);
    expect(listed).toMatchObject({
      id: processed.id,
      eventType: 'issue.created',
      status: 'processed',
      reason: null,
      suggestion: { runId: expect.any(String), threadId: expect.any(String), runStatus: 'succeeded', decision: 'pending', feedback: null },
    });
    // The offline provider's insight: its headline and the start of its recommendation, never raw JSON.
    expect(listed.suggestion.headline).toEqual(expect.any(String));
    expect(listed.suggestion.excerpt ?? '').not.toMatch(/^\s*\{/);
    expect(listed.fields).toMatchObject({ number: 7, title: 'Login fails on Safari' });
    expect((await eventsOfUser(skippedUser))[0]).toMatchObject({ id: skipped.id, status: 'skipped', reason: 'auto-suggest is off', suggestion: null });
    expect(await eventsOfUser(b)).toEqual([]);
  });

  it('Retry queues a dead event again and the drain processes it; not for a live one, nor for someone else', async () => {
    const a = await createUser('retry-a');
    const b = await createUser('retry-b');
    await setAutoSuggest(sql, a, true);
    const event = await eventOf(a);
    expect((await retryAs(a, event.id)).status).toBe(409);
    await sql`update public.background_events set status = 'dead', reason = 'provider_error: down' where id = ${event.id}`;
    await sql`update pgboss.job set state = 'failed' where id = ${event.job_id}`;
    expect((await retryAs(b, event.id)).json).toEqual(envelope('not_found'));

    const res = await retryAs(a, event.id);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ queued: true });
    await drain();
    expect((await eventsOfUser(a))[0]).toMatchObject({ id: event.id, status: 'processed', reason: null, suggestion: { runId: expect.any(String) } });
    expect(await sql`select 1 from public.agent_runs where background_event_id = ${event.id} and status = 'succeeded'`).toHaveLength(1);
  });
});

describe('POST /api/runs/:id/suggestion', () => {
  const decideAs = (user: TestUser | null, runId: string, body: unknown) =>
    callRoute(decide, `/api/runs/${runId}/suggestion`, { method: 'POST', body: body as object, headers: user ? bearer(user) : {}, params: { id: runId } });

  async function suggestionOf(user: TestUser) {
    await setAutoSuggest(sql, user, true);
    const { json } = await connectAs(user, { fullName: uniqueName() });
    await deliver({ event: 'issues', payload: issueOpened(json.fullName) });
    await drain();
    const [event] = await eventsOfUser(user);
    return event.suggestion as { runId: string; threadId: string };
  }
  const stored = async (runId: string) =>
    (await sql<{ suggestion_status: string; suggestion_decided_at: Date | null }[]>`select suggestion_status, suggestion_decided_at from public.agent_runs where id = ${runId}`)[0];

  it('acts on, dismisses and puts back a suggestion; the list shows each decision', async () => {
    const user = await createUser('suggest-decide');
    const { runId, threadId } = await suggestionOf(user);

    const acted = await decideAs(user, runId, { decision: 'actioned' });
    expect(acted.status).toBe(200);
    expect(acted.json).toEqual({ runId, threadId, decision: 'actioned', decidedAt: expect.any(String) });
    expect(await stored(runId)).toMatchObject({ suggestion_status: 'actioned', suggestion_decided_at: expect.any(Date) });
    expect((await eventsOfUser(user))[0].suggestion.decision).toBe('actioned');

    expect((await decideAs(user, runId, { decision: 'dismissed' })).json.decision).toBe('dismissed');
    expect((await eventsOfUser(user))[0].suggestion.decision).toBe('dismissed');

    const undone = await decideAs(user, runId, { decision: 'pending' });
    expect(undone.json).toMatchObject({ decision: 'pending', decidedAt: null });
    expect(await stored(runId)).toMatchObject({ suggestion_status: 'pending', suggestion_decided_at: null });
  });

  it("is refused for someone else's suggestion, a manual run, an unknown id, a bad body and no session — nothing changes", async () => {
    const owner = await createUser('suggest-owner');
    const stranger = await createUser('suggest-stranger');
    const { runId } = await suggestionOf(owner);

    expect((await decideAs(stranger, runId, { decision: 'dismissed' })).json).toEqual(envelope('not_found'));
    const manual = await callRoute(createRun, '/api/runs', { method: 'POST', headers: bearer(owner), body: { task: 'Draft a launch note', inputFilter: { provider: 'offline' } } });
    const manualId = (JSON.parse(manual.text.split('\n')[0]!) as { run: { id: string } }).run.id;
    expect((await decideAs(owner, manualId, { decision: 'dismissed' })).json).toEqual(envelope('not_found'));
    expect((await sql`select suggestion_status from public.agent_runs where id = ${manualId}`)[0]).toEqual({ suggestion_status: null });
    expect((await decideAs(owner, crypto.randomUUID(), { decision: 'dismissed' })).status).toBe(404);
    for (const body of [{}, { decision: 'done' }, { decision: 'dismissed', extra: true }]) {
      const res = await decideAs(owner, runId, body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual(envelope('validation_failed'));
    }
    expect((await decideAs(null, runId, { decision: 'dismissed' })).status).toBe(401);
    expect(await stored(runId)).toMatchObject({ suggestion_status: 'pending', suggestion_decided_at: null });
  });

  it('the database refuses a suggestion status on a run that is not a suggestion, even from its owner', async () => {
    const user = await createUser('suggest-check');
    const manual = await callRoute(createRun, '/api/runs', { method: 'POST', headers: bearer(user), body: { task: 'Draft a launch note', inputFilter: { provider: 'offline' } } });
    const manualId = (JSON.parse(manual.text.split('\n')[0]!) as { run: { id: string } }).run.id;
    await expect(sql`update public.agent_runs set suggestion_status = 'dismissed' where id = ${manualId}`).rejects.toThrow(/agent_runs_suggestion_status_only_on_suggestions/);
  });
});
