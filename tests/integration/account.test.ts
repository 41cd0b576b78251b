import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DELETE as deleteMe, GET as getMe } from '@/app/api/me/route';
import { GET as exportMe } from '@/app/api/me/export/route';
import { GET as getVibe } from '@/app/api/vibe/route';
import { REFERENCES_NOT_OWNED, USER_TABLES } from '@/lib/account/user-tables';
import { embeddedServiceRoleKey } from '@/lib/auth/embedded/server';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { authRequest, bearer, createUser, type TestUser } from '@/tests/support/users';

const sql = ownerSql();

const envelope = (code: string) => ({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

beforeEach(() => resetRateLimitsForTests());

/** Every foreign key from a table in public to auth.users(id): table, column and ON DELETE action. */
async function userReferences() {
  return sql<{ table: string; column: string; action: string }[]>`
    select c.conrelid::regclass::text as table, a.attname as column,
      case c.confdeltype when 'c' then 'cascade' when 'n' then 'set null' when 'd' then 'set default' when 'r' then 'restrict' else 'no action' end as action
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'auth.users'::regclass and c.connamespace = 'public'::regnamespace
    order by 1, 2`;
}

/** How many rows reference the user, per table and column, through any foreign key to auth.users. */
async function rowsOf(userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, column } of await userReferences()) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)} where ${sql(column)} = ${userId}`;
    counts[`${table}.${column}`] = row!.n;
  }
  const [auth] = await sql<{ users: number; sessions: number; tokens: number }[]>`
    select (select count(*)::int from auth.users where id = ${userId}) as users,
      (select count(*)::int from auth.sessions where user_id = ${userId}) as sessions,
      (select count(*)::int from auth.refresh_tokens where user_id = ${userId}) as tokens`;
  return { ...counts, 'auth.users': auth!.users, 'auth.sessions': auth!.sessions, 'auth.refresh_tokens': auth!.tokens };
}

/** A user with something in each kind of table: presets, runs with output and feedback, usage, an organization, a customization, an event. */
async function userWithData(prefix: string, marker: string): Promise<TestUser & { runId: string }> {
  const user = await createUser(prefix);
  await sql`update public.user_profiles set brand_voice = ${`voice ${marker}`}, timezone = 'Europe/Berlin' where user_id = ${user.id}`;
  await sql`update public.vibe_configs set custom_instructions = ${`vibe ${marker}`} where user_id = ${user.id} and kind = 'current'`;
  await sql`insert into public.vibe_configs (user_id, kind, name, playfulness) values (${user.id}, 'preset', ${`preset ${marker}`}, 12)`;
  const [thread] = await sql<{ id: string }[]>`insert into public.threads (user_id, title) values (${user.id}, ${`conversation ${marker}`}) returning id`;
  const [run] = await sql<{ id: string }[]>`
    insert into public.agent_runs (user_id, thread_id, task, model, status, output_type, output, feedback, feedback_detail, feedback_at)
    values (${user.id}, ${thread!.id}, ${`task ${marker}`}, 'offline', 'succeeded', 'content', ${sql.json({ text: `output ${marker}` })}, 'revised', ${`note ${marker}`}, now())
    returning id`;
  await sql`insert into public.agent_runs (user_id, task, model) values (${user.id}, ${`second task ${marker}`}, 'offline')`;
  await sql`insert into public.usage_metrics (user_id, metric_type, period_start, count) values (${user.id}, 'runs', '2026-11-01', 7)`;
  await sql`insert into public.organizations (name, slug, owner_id) values (${`org ${marker}`}, ${unique('org')}, ${user.id})`;
  await sql`insert into public.user_template_customizations (user_id, template_id) values (${user.id}, ${unique('tpl')})`;
  await sql`insert into public.background_events (user_id, event_type, delivery_id) values (${user.id}, 'push', ${unique('delivery')})`;
  return { ...user, runId: run!.id };
}

const remove = (user: TestUser, body: string | object) => callRoute(deleteMe, '/api/me', { method: 'DELETE', body, headers: bearer(user) });

describe('what belongs to a user', () => {
  it('every foreign key to auth.users cascades and is listed in USER_TABLES, or clears an authorship link', async () => {
    const references = await userReferences();
    const owned = references.filter((r) => r.action === 'cascade').map((r) => `${r.table}.${r.column}`);
    const listed = [
      ...USER_TABLES.map(({ table, owner }) => `${table}.${owner}`),
      ...REFERENCES_NOT_OWNED.map(({ table, column }) => `${table}.${column}`),
    ];
    expect(owned.sort()).toEqual(listed.sort());
    // Shared content (the atom library, template versions, invitations) keeps existing without its author.
    expect(references.filter((r) => r.action !== 'cascade').map((r) => `${r.table}.${r.column} ${r.action}`)).toEqual([
      'invitations.invited_by set null',
      'prompt_atoms.created_by set null',
      'template_versions.created_by set null',
    ]);
  });
});

describe('GET /api/me/export', () => {
  it('downloads everything of the caller’s as JSON, and nothing of anyone else’s', async () => {
    const a = await userWithData('export-a', 'AAA-marker');
    const b = await userWithData('export-b', 'BBB-marker');
    const res = await callRoute(exportMe, '/api/me/export', { headers: bearer(a) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="venture-companion-data-\d{4}-\d\d-\d\d\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');

    const data = res.json;
    expect(Object.keys(data).sort()).toEqual(['account', 'conversations', 'exportedAt', 'format', 'formatVersion', 'other', 'presets', 'profile', 'runs', 'usage', 'vibe']);
    expect(data.account).toEqual({ id: a.id, email: a.email });
    expect(data.profile).toMatchObject({ user_id: a.id, brand_voice: 'voice AAA-marker', timezone: 'Europe/Berlin' });
    expect(data.vibe).toMatchObject({ user_id: a.id, kind: 'current', custom_instructions: 'vibe AAA-marker', version: expect.any(Number) });
    expect(data.presets).toEqual([expect.objectContaining({ name: 'preset AAA-marker', playfulness: 12 })]);
    expect(data.runs.map((run: { task: string }) => run.task)).toEqual(['task AAA-marker', 'second task AAA-marker']);
    expect(data.runs[0]).toMatchObject({
      id: a.runId,
      status: 'succeeded',
      output: { text: 'output AAA-marker' },
      feedback: 'revised',
      feedback_detail: 'note AAA-marker',
    });
    expect(data.usage).toEqual([expect.objectContaining({ metric_type: 'runs', count: '7' })]);
    expect(data.conversations).toEqual([expect.objectContaining({ title: 'conversation AAA-marker', user_id: a.id })]);
    expect(data.runs[0].thread_id).toBe(data.conversations[0].id);
    expect(Object.keys(data.other).sort()).toEqual(
      USER_TABLES.map((t) => t.table)
        .filter((t) => !['user_profiles', 'vibe_configs', 'threads', 'agent_runs', 'usage_metrics'].includes(t))
        .sort(),
    );
    expect(data.other.organizations).toEqual([expect.objectContaining({ name: 'org AAA-marker', owner_id: a.id })]);
    expect(data.other.organization_members).toEqual([expect.objectContaining({ user_id: a.id, role: 'owner' })]);
    expect(data.other.user_template_customizations).toHaveLength(1);
    expect(data.other.background_events).toHaveLength(1);

    // Cross-tenant: nothing of B's, by id, email or content.
    expect(res.text).not.toContain(b.id);
    expect(res.text).not.toContain(b.email);
    expect(res.text).not.toContain('BBB-marker');
    const ids = JSON.stringify(data).match(/"user_id":"[^"]+"|"owner_id":"[^"]+"/g) ?? [];
    expect(new Set(ids)).toEqual(new Set([`"user_id":"${a.id}"`, `"owner_id":"${a.id}"`]));
  });

  it('needs a signed-in user, and answers only GET', async () => {
    expect((await callRoute(exportMe, '/api/me/export')).status).toBe(401);
  });
});

describe('DELETE /api/me', () => {
  it('deletes the account and every row of it, and nothing of another user’s', async () => {
    const a = await userWithData('delete-a', 'gone');
    const b = await userWithData('delete-b', 'stays');
    const bBefore = await rowsOf(b.id);
    const aBefore = await rowsOf(a.id);
    expect(aBefore['agent_runs.user_id']).toBe(2);

    const res = await remove(a, { password: a.password });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');

    const aAfter = await rowsOf(a.id);
    expect(Object.entries(aAfter).filter(([, n]) => n !== 0)).toEqual([]);
    expect(await rowsOf(b.id)).toEqual(bBefore);
    // The account cannot sign in again, and B's goes on working.
    const signIn = await authRequest('/token?grant_type=password', { body: { email: a.email, password: a.password } });
    expect(signIn.status).toBe(400);
    expect(signIn.json.code).toBe('invalid_credentials');
    expect((await callRoute(getVibe, '/api/vibe', { headers: bearer(b) })).json.customInstructions).toBe('vibe stays');
    expect((await callRoute(getMe, '/api/me', { headers: bearer(b) })).status).toBe(200);
    // A's access token still verifies until it expires, but finds nothing and brings nothing back.
    for (const res of [await callRoute(getVibe, '/api/vibe', { headers: bearer(a) }), await callRoute(exportMe, '/api/me/export', { headers: bearer(a) })]) {
      expect(res.status).toBeLessThan(500);
    }
    expect(Object.entries(await rowsOf(a.id)).filter(([, n]) => n !== 0)).toEqual([]);
  });

  it.each([
    { name: 'a live session cookie', expired: false },
    { name: 'a session cookie whose access token had expired (refreshed on the way in)', expired: true },
  ])('with $name, the answer signs the browser out and sets no session again', async ({ expired }) => {
    const user = await createUser('delete-cookie');
    const session = {
      access_token: user.accessToken,
      refresh_token: user.refreshToken,
      expires_at: Math.floor(Date.now() / 1000) + (expired ? -60 : 3600),
      expires_in: 3600,
      token_type: 'bearer',
      user: { id: user.id, email: user.email },
    };
    const cookie = `sb-localhost-auth-token=base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`;
    const res = await callRoute(deleteMe, '/api/me', {
      method: 'DELETE',
      body: { password: user.password },
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(204);
    const sessionCookies = res.headers.getSetCookie().filter((header) => header.startsWith('sb-localhost-auth-token'));
    expect(sessionCookies.length).toBeGreaterThan(0);
    for (const header of sessionCookies) expect(header).toMatch(/^sb-localhost-auth-token(\.\d+)?=;.*Max-Age=0/i);
    expect(await rowsOf(user.id)).toMatchObject({ 'auth.users': 0, 'auth.sessions': 0 });
  });

  it.each([
    { name: 'a wrong password', body: (u: TestUser) => ({ password: `${u.password}x` }), status: 403, code: 'forbidden', message: /not your current password\. Nothing was deleted/ },
    { name: 'no password', body: () => ({}), status: 400, code: 'validation_failed', message: /^password: Enter your current password/ },
    { name: 'an empty password', body: () => ({ password: '' }), status: 400, code: 'validation_failed', message: /^password: Enter your current password/ },
    { name: 'a password of 73 characters', body: () => ({ password: 'x'.repeat(73) }), status: 400, code: 'validation_failed', message: /^password: / },
    { name: 'a password that is not text', body: () => ({ password: 12345678 }), status: 400, code: 'validation_failed', message: /^password: / },
    { name: 'an unknown field', body: (u: TestUser) => ({ password: u.password, userId: randomUUID() }), status: 400, code: 'validation_failed', message: /unknown field: userId/ },
    { name: 'malformed JSON', body: () => '{"password": ', status: 400, code: 'invalid_json' },
  ])('$name → $status $code, nothing deleted', async ({ body, status, code, message }) => {
    const user = await userWithData('delete-refused', 'kept');
    const before = await rowsOf(user.id);
    const res = await remove(user, body(user));
    expect(res.status).toBe(status);
    expect(res.json).toEqual(envelope(code));
    if (message) expect(res.json.error.message).toMatch(message);
    expect(await rowsOf(user.id)).toEqual(before);
  });

  it('refuses a token whose session has been signed out (re-checked with the auth server), deleting nothing', async () => {
    const user = await userWithData('delete-signed-out', 'kept');
    expect((await authRequest('/logout?scope=global', { token: user.accessToken })).status).toBe(204);
    const before = await rowsOf(user.id);
    const res = await remove(user, { password: user.password });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope('unauthorized'));
    expect(res.json.error.message).toMatch(/session has ended.*Nothing was deleted/);
    expect(await rowsOf(user.id)).toEqual(before);
  });

  it('counts wrong passwords against the sign-in limit', async () => {
    const user = await createUser('delete-guess');
    for (let i = 0; i < 5; i++) expect((await remove(user, { password: `guess-${i}` })).status).toBe(403);
    const limited = await remove(user, { password: user.password });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual(envelope('rate_limited'));
    expect(await rowsOf(user.id)).toMatchObject({ 'auth.users': 1 });
  });

  it('needs a signed-in user', async () => {
    const res = await callRoute(deleteMe, '/api/me', { method: 'DELETE', body: { password: 'whatever1' } });
    expect(res.status).toBe(401);
  });
});

describe('the embedded auth server’s admin API', () => {
  it('deletes users only for a service-role token: a user’s own token is refused', async () => {
    const user = await createUser('admin-api');
    const path = `/admin/users/${user.id}`;
    for (const method of ['GET', 'DELETE']) {
      expect((await authRequest(path, { method })).status).toBe(401);
      const asUser = await authRequest(path, { method, token: user.accessToken });
      expect(asUser.status).toBe(403);
      expect(asUser.json.code).toBe('not_admin');
    }
    expect(await rowsOf(user.id)).toMatchObject({ 'auth.users': 1 });
  });

  it('a service-role token is not a user: the API refuses it', async () => {
    const token = await embeddedServiceRoleKey();
    const res = await callRoute(getMe, '/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope('unauthorized'));
    expect((await authRequest('/user', { method: 'GET', token })).status).toBe(403);
  });
});
