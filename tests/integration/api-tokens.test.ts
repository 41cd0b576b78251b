import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as adminStats } from '@/app/api/admin/stats/route';
import { GET as getMe } from '@/app/api/me/route';
import { GET as exportMe } from '@/app/api/me/export/route';
import { GET as getProfile, PUT as putProfile } from '@/app/api/profile/route';
import { GET as listRuns, POST as postRun } from '@/app/api/runs/route';
import { GET as getRun } from '@/app/api/runs/[id]/route';
import { GET as listTemplates } from '@/app/api/templates/route';
import { GET as listTokens, POST as postToken } from '@/app/api/tokens/route';
import { DELETE as deleteToken } from '@/app/api/tokens/[id]/route';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { MAX_LIVE_TOKENS } from '@/lib/zod/schemas/tokens';
import { ownerSql } from '@/tests/support/database';
import { setEnv } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { authRequest, bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * Personal access tokens through the real route handlers: made with a session, used with
 * `Authorization: Bearer vc_…`, each route's scope checked by the wrapper, the work done as the
 * token's owner under RLS, and only a hash kept.
 */

const sql = ownerSql();
const envelope = (code: string) => ({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });
const ALL_SCOPES = ['runs:write', 'runs:read', 'profile:read', 'templates:read'];

beforeAll(() => {
  // The offline provider answers runs: no key, no model called.
  setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
});
beforeEach(() => resetRateLimitsForTests());

const withToken = (token: string) => ({ authorization: `Bearer ${token}` });

async function makeToken(user: TestUser, body: { name?: string; scopes?: string[]; expiresInDays?: number | null } = {}) {
  const res = await callRoute(postToken, '/api/tokens', {
    method: 'POST',
    headers: bearer(user),
    body: { name: body.name ?? 'Script', scopes: body.scopes ?? ALL_SCOPES, expiresInDays: body.expiresInDays === undefined ? 30 : body.expiresInDays },
  });
  if (res.status !== 201) throw new Error(`token not made: ${res.status} ${res.text}`);
  return res.json as { token: string; id: string; name: string; prefix: string; scopes: string[]; expiresAt: string | null; createdAt: string };
}

const tokenRow = async (id: string) => (await sql`select * from public.api_tokens where id = ${id}`)[0]!;
const runCount = async (userId: string) => (await sql<{ n: number }[]>`select count(*)::int as n from public.agent_runs where user_id = ${userId}`)[0]!.n;
const startRun = (headers: Record<string, string>) =>
  callRoute(postRun, '/api/runs', { method: 'POST', headers, body: { task: 'Write a two-line launch note for our beta', outputType: 'content', inputFilter: { provider: 'offline' } } });

describe('POST /api/tokens', () => {
  it('answers 201 with the secret once; only its hash and prefix are stored', async () => {
    const user = await createUser('tokens-make');
    const res = await callRoute(postToken, '/api/tokens', {
      method: 'POST',
      headers: bearer(user),
      body: { name: '  Deploy script  ', scopes: ['runs:write', 'runs:read'], expiresInDays: 7 },
    });
    expect(res.status).toBe(201);
    const made = res.json;
    expect(made).toEqual({
      token: expect.stringMatching(/^vc_[A-Za-z0-9]{40}$/),
      id: expect.any(String),
      name: 'Deploy script',
      prefix: made.token.slice(0, 9),
      scopes: ['runs:write', 'runs:read'],
      expiresAt: expect.any(String),
      createdAt: expect.any(String),
    });
    const days = (Date.parse(made.expiresAt) - Date.parse(made.createdAt)) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);

    const row = await tokenRow(made.id);
    expect(row).toMatchObject({ user_id: user.id, kind: 'personal', prefix: made.prefix, token_hash: createHash('sha256').update(made.token).digest('hex'), revoked_at: null });
    // The secret itself (after its visible prefix) appears in no column.
    const secretPart = made.token.slice(9);
    expect(JSON.stringify(row)).not.toContain(secretPart);
    const [anywhere] = await sql<{ n: number }[]>`select count(*)::int as n from public.api_tokens t where t::text like ${`%${secretPart}%`}`;
    expect(anywhere!.n).toBe(0);

    // The list shows it without a secret or a hash.
    const list = await callRoute(listTokens, '/api/tokens', { headers: bearer(user) });
    expect(list.status).toBe(200);
    expect(list.json.tokens).toEqual([
      { id: made.id, name: 'Deploy script', kind: 'personal', prefix: made.prefix, scopes: ['runs:write', 'runs:read'], expiresAt: made.expiresAt, lastUsedAt: null, revokedAt: null, createdAt: made.createdAt, status: 'active' },
    ]);
    expect(list.text).not.toContain(secretPart);
    expect(list.text).not.toContain(row.token_hash);
  });

  it('re-checks the session with the auth server: a signed-out session’s access token makes no token (401)', async () => {
    const user = await createUser('tokens-signed-out');
    expect((await authRequest('/logout?scope=global', { token: user.accessToken })).status).toBe(204);
    const res = await callRoute(postToken, '/api/tokens', { method: 'POST', headers: bearer(user), body: { name: 'Late', scopes: ['runs:read'], expiresInDays: 7 } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope('unauthorized'));
    expect((await sql`select 1 from public.api_tokens where user_id = ${user.id}`).length).toBe(0);
  });

  it('a token that never expires', async () => {
    const user = await createUser('tokens-forever');
    const made = await makeToken(user, { scopes: ['profile:read'], expiresInDays: null });
    expect(made.expiresAt).toBeNull();
    expect((await tokenRow(made.id)).expires_at).toBeNull();
  });

  it.each([
    [{ name: '', scopes: ['runs:read'], expiresInDays: 7 }, 'name'],
    [{ name: 'x', scopes: [], expiresInDays: 7 }, 'scopes'],
    [{ name: 'x', scopes: ['runs:read', 'runs:read'], expiresInDays: 7 }, 'scopes'],
    [{ name: 'x', scopes: ['admin'], expiresInDays: 7 }, 'scopes'],
    [{ name: 'x', scopes: ['runs:read'], expiresInDays: 0 }, 'expiresInDays'],
    [{ name: 'x', scopes: ['runs:read'], expiresInDays: 366 }, 'expiresInDays'],
    [{ name: 'x', scopes: ['runs:read'] }, 'expiresInDays'],
    [{ name: 'x', scopes: ['runs:read'], expiresInDays: 7, kind: 'extension' }, 'body'],
  ])('refuses %j at the field (400), making nothing', async (body, field) => {
    const user = await createUser('tokens-invalid');
    const res = await callRoute(postToken, '/api/tokens', { method: 'POST', headers: bearer(user), body });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'validation_failed', message: expect.stringContaining(field === 'body' ? 'unknown field: kind' : field) } });
    // Named per field, for the form to show each refusal at its input.
    expect(res.json.fields).toContainEqual({ field, message: expect.any(String) });
    expect((await sql`select 1 from public.api_tokens where user_id = ${user.id}`).length).toBe(0);
  });

  it(`caps live personal tokens at ${MAX_LIVE_TOKENS} (409); a revoked or expired one does not count`, async () => {
    const user = await createUser('tokens-cap');
    const fill = (count: number, extra: { revoked_at?: Date; expires_at?: Date; created_at?: Date }) =>
      sql`insert into public.api_tokens ${sql(
        Array.from({ length: count }, () => ({
          user_id: user.id,
          name: 'filler',
          prefix: 'vc_Filler',
          token_hash: createHash('sha256').update(randomUUID()).digest('hex'),
          scopes: ['runs:read'],
          ...extra,
        })),
      )}`;
    await fill(MAX_LIVE_TOKENS - 1, {});
    await fill(3, { revoked_at: new Date() });
    await fill(2, { created_at: new Date(Date.now() - 3 * 86_400_000), expires_at: new Date(Date.now() - 86_400_000) });
    await makeToken(user);
    const refused = await callRoute(postToken, '/api/tokens', { method: 'POST', headers: bearer(user), body: { name: 'one more', scopes: ['runs:read'], expiresInDays: 7 } });
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual(envelope('conflict'));
    expect(refused.json.error.message).toMatch(/Revoke one/);
    expect((await sql`select 1 from public.api_tokens where user_id = ${user.id} and name = 'one more'`).length).toBe(0);
  });
});

describe('using a token', () => {
  it('reads GET /api/me and starts a run as its owner; last_used_at is set', async () => {
    const owner = await createUser('tokens-use');
    const other = await createUser('tokens-bystander');
    const made = await makeToken(owner);
    expect((await tokenRow(made.id)).last_used_at).toBeNull();

    const me = await callRoute(getMe, '/api/me', { headers: withToken(made.token) });
    expect(me.status).toBe(200);
    expect(me.json.user).toMatchObject({ id: owner.id, email: owner.email });
    expect((await tokenRow(made.id)).last_used_at).toBeInstanceOf(Date);

    const before = await runCount(owner.id);
    const run = await startRun(withToken(made.token));
    expect(run.status).toBe(200);
    expect(run.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const runId = JSON.parse(run.text.split('\n')[0]!).run.id as string;
    const [stored] = await sql`select user_id, status from public.agent_runs where id = ${runId}`;
    expect(stored).toEqual({ user_id: owner.id, status: 'succeeded' });
    expect(await runCount(owner.id)).toBe(before + 1);
    expect(await runCount(other.id)).toBe(0);

    // Reads under RLS as the owner: the run is theirs and no one else's.
    const read = await callRoute(getRun, `/api/runs/${runId}`, { headers: withToken(made.token), params: { id: runId } });
    expect(read.status).toBe(200);
    expect(read.json.id).toBe(runId);
    const otherToken = await makeToken(other, { scopes: ['runs:read'] });
    expect((await callRoute(getRun, `/api/runs/${runId}`, { headers: withToken(otherToken.token), params: { id: runId } })).status).toBe(404);
  });

  it('a scope the token lacks → 403, and nothing is written', async () => {
    const user = await createUser('tokens-scope');
    const readOnly = await makeToken(user, { scopes: ['profile:read'] });
    expect((await callRoute(getProfile, '/api/profile', { headers: withToken(readOnly.token) })).status).toBe(200);

    const before = await runCount(user.id);
    const refused = await startRun(withToken(readOnly.token));
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual(envelope('forbidden'));
    expect(refused.json.error.message).toContain('"runs:write"');
    expect(await runCount(user.id)).toBe(before);
    expect((await sql`select 1 from public.usage_metrics where user_id = ${user.id} and count > 0`).length).toBe(0);

    for (const [handler, path] of [[listRuns, '/api/runs'], [listTemplates, '/api/templates']] as const) {
      expect((await callRoute(handler, path, { headers: withToken(readOnly.token) })).status).toBe(403);
    }
    const templatesOnly = await makeToken(user, { scopes: ['templates:read'] });
    expect((await callRoute(listTemplates, '/api/templates', { headers: withToken(templatesOnly.token) })).status).toBe(200);
    expect((await callRoute(getMe, '/api/me', { headers: withToken(templatesOnly.token) })).status).toBe(403);
  });

  it('a route that names no scope refuses every token (403): PUT /api/profile, POST /api/tokens, GET /api/tokens', async () => {
    const user = await createUser('tokens-noscope');
    const made = await makeToken(user);
    const [profileBefore] = await sql`select * from public.user_profiles where user_id = ${user.id}`;
    const put = await callRoute(putProfile, '/api/profile', { method: 'PUT', headers: withToken(made.token), body: { displayName: 'Changed by token' } });
    expect(put.status).toBe(403);
    expect(put.json).toEqual(envelope('forbidden'));
    expect((await sql`select * from public.user_profiles where user_id = ${user.id}`)[0]).toEqual(profileBefore);

    const post = await callRoute(postToken, '/api/tokens', { method: 'POST', headers: withToken(made.token), body: { name: 'child', scopes: ['runs:read'], expiresInDays: 7 } });
    expect(post.status).toBe(403);
    expect((await sql`select id from public.api_tokens where user_id = ${user.id}`).map((row) => row.id)).toEqual([made.id]);
    expect((await callRoute(listTokens, '/api/tokens', { headers: withToken(made.token) })).status).toBe(403);
    expect((await callRoute(deleteToken, `/api/tokens/${made.id}`, { method: 'DELETE', headers: withToken(made.token), params: { id: made.id } })).status).toBe(403);
    expect((await tokenRow(made.id)).revoked_at).toBeNull();
  });

  it('an administrator’s token is refused on admin routes, though their session is served', async () => {
    const admin = await createUser('tokens-admin');
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${admin.id}`;
    const made = await makeToken(admin);
    expect((await callRoute(adminStats, '/api/admin/stats', { headers: bearer(admin) })).status).toBe(200);
    const refused = await callRoute(adminStats, '/api/admin/stats', { headers: withToken(made.token) });
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual(envelope('forbidden'));
    expect(refused.json.error.message).toMatch(/administration/);
  });

  it('counts against the owner’s rate limit, in the same bucket as the session', async () => {
    const user = await createUser('tokens-budget');
    const made = await makeToken(user);
    const bySession = await callRoute(getMe, '/api/me', { headers: bearer(user) });
    const byToken = await callRoute(getMe, '/api/me', { headers: withToken(made.token) });
    const bySessionAgain = await callRoute(getMe, '/api/me', { headers: bearer(user) });
    const remaining = [bySession, byToken, bySessionAgain].map((res) => Number(res.headers.get('ratelimit-remaining')));
    expect(remaining[1]).toBe(remaining[0]! - 1);
    expect(remaining[2]).toBe(remaining[0]! - 2);
  });
});

describe('refused tokens', () => {
  it('revoked → 401 on the very next request; revoking again is a 204', async () => {
    const user = await createUser('tokens-revoke');
    const made = await makeToken(user);
    const keep = await makeToken(user, { name: 'Other' });
    expect((await callRoute(getMe, '/api/me', { headers: withToken(made.token) })).status).toBe(200);

    const revoke = await callRoute(deleteToken, `/api/tokens/${made.id}`, { method: 'DELETE', headers: bearer(user), params: { id: made.id } });
    expect(revoke.status).toBe(204);
    const after = await callRoute(getMe, '/api/me', { headers: withToken(made.token) });
    expect(after.status).toBe(401);
    expect(after.json).toEqual(envelope('unauthorized'));
    const revokedAt = (await tokenRow(made.id)).revoked_at as Date;
    expect(revokedAt).toBeInstanceOf(Date);

    const again = await callRoute(deleteToken, `/api/tokens/${made.id}`, { method: 'DELETE', headers: bearer(user), params: { id: made.id } });
    expect(again.status).toBe(204);
    expect((await tokenRow(made.id)).revoked_at).toEqual(revokedAt);
    // Only that one: the other token still works, and the list says which is which.
    expect((await callRoute(getMe, '/api/me', { headers: withToken(keep.token) })).status).toBe(200);
    const list = await callRoute(listTokens, '/api/tokens', { headers: bearer(user) });
    expect(Object.fromEntries(list.json.tokens.map((t: { id: string; status: string; revokedAt: string | null }) => [t.id, [t.status, t.revokedAt !== null]]))).toEqual({
      [made.id]: ['revoked', true],
      [keep.id]: ['active', false],
    });
  });

  it('expired → 401', async () => {
    const user = await createUser('tokens-expired');
    const made = await makeToken(user, { expiresInDays: 1 });
    expect((await callRoute(getMe, '/api/me', { headers: withToken(made.token) })).status).toBe(200);
    await sql`update public.api_tokens set created_at = now() - interval '2 days', expires_at = now() - interval '1 second' where id = ${made.id}`;
    const res = await callRoute(getMe, '/api/me', { headers: withToken(made.token) });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope('unauthorized'));
    const list = await callRoute(listTokens, '/api/tokens', { headers: bearer(user) });
    expect(list.json.tokens).toEqual([expect.objectContaining({ id: made.id, status: 'expired', revokedAt: null })]);
  });

  it.each([
    ['an unknown token', `Bearer vc_${'A'.repeat(40)}`],
    ['a malformed vc_ token', 'Bearer vc_short'],
    ['a token with a character outside the alphabet', `Bearer vc_${'A'.repeat(39)}-`],
    ['a header that is not Bearer', 'Token vc_abc'],
  ])('%s → 401 with the envelope', async (_label, authorization) => {
    const res = await callRoute(getMe, '/api/me', { headers: { authorization } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope('unauthorized'));
  });
});

describe('the extension’s tokens', () => {
  it('are listed while live, and revoking one revokes its whole family', async () => {
    const user = await createUser('tokens-extension');
    const familyId = randomUUID();
    const insert = (extra: { revoked_at?: Date }) =>
      sql<{ id: string }[]>`insert into public.api_tokens ${sql({
        user_id: user.id,
        name: 'Browser extension',
        kind: 'extension',
        family_id: familyId,
        prefix: 'vc_Extens',
        token_hash: createHash('sha256').update(randomUUID()).digest('hex'),
        scopes: ['runs:write', 'runs:read'],
        ...extra,
      })} returning id`;
    const [spent] = await insert({ revoked_at: new Date() });
    const [live] = await insert({});
    const [sibling] = await insert({});
    const personal = await makeToken(user);
    const list = await callRoute(listTokens, '/api/tokens', { headers: bearer(user) });
    expect(list.json.tokens.map((t: { id: string }) => t.id).sort()).toEqual([live!.id, sibling!.id, personal.id].sort());
    expect(list.json.tokens.map((t: { id: string }) => t.id)).not.toContain(spent!.id);

    const revoke = await callRoute(deleteToken, `/api/tokens/${live!.id}`, { method: 'DELETE', headers: bearer(user), params: { id: live!.id } });
    expect(revoke.status).toBe(204);
    const rows = await sql<{ id: string; revoked: boolean }[]>`select id, revoked_at is not null as revoked from public.api_tokens where user_id = ${user.id}`;
    expect(Object.fromEntries(rows.map((row) => [row.id, row.revoked]))).toEqual({ [spent!.id]: true, [live!.id]: true, [sibling!.id]: true, [personal.id]: false });
  });
});

describe('tenancy', () => {
  it('B cannot list or revoke A’s tokens (404, as for an unknown id)', async () => {
    const a = await createUser('tokens-a');
    const b = await createUser('tokens-b');
    const made = await makeToken(a);
    const listB = await callRoute(listTokens, '/api/tokens', { headers: bearer(b) });
    expect(listB.status).toBe(200);
    expect(listB.json.tokens).toEqual([]);

    const revoke = await callRoute(deleteToken, `/api/tokens/${made.id}`, { method: 'DELETE', headers: bearer(b), params: { id: made.id } });
    expect(revoke.status).toBe(404);
    expect(revoke.json).toEqual(envelope('not_found'));
    const unknownId = randomUUID();
    const unknown = await callRoute(deleteToken, `/api/tokens/${unknownId}`, { method: 'DELETE', headers: bearer(b), params: { id: unknownId } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toBe(revoke.json.error.message);
    expect((await tokenRow(made.id)).revoked_at).toBeNull();
    expect((await callRoute(getMe, '/api/me', { headers: withToken(made.token) })).status).toBe(200);
  });

  it('the account export lists the tokens without their hash', async () => {
    const user = await createUser('tokens-export');
    const made = await makeToken(user, { name: 'Exported' });
    const res = await callRoute(exportMe, '/api/me/export', { headers: bearer(user) });
    expect(res.status).toBe(200);
    const [exported] = res.json.other.api_tokens as Record<string, unknown>[];
    expect(exported).toMatchObject({ id: made.id, name: 'Exported', prefix: made.prefix, scopes: made.scopes });
    expect(exported).not.toHaveProperty('token_hash');
    expect(res.text).not.toContain((await tokenRow(made.id)).token_hash);
    expect(res.text).not.toContain(made.token.slice(9));
  });
});
