import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as getMe, PATCH as patchMe } from '@/app/api/me/route';
import { GET as authGet, POST as authPost, PUT as authPut } from '@/app/auth/v1/[...path]/route';
import { hashPassword } from '@/lib/auth/embedded/passwords';
import { SESSION_INACTIVITY_SECONDS } from '@/lib/auth/session-lifetime';
import { createSupabaseServerClient } from '@/lib/auth/supabase';
import { parseServerEnv } from '@/lib/env';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { authRequest, bearer, createUser } from '@/tests/support/users';

/** Issue 7's auth findings, each as a regression test. */

const sql = ownerSql();
const b64 = (value: string) => Buffer.from(value).toString('base64url');
const envelope = { error: { code: expect.any(String), message: expect.any(String) }, requestId: expect.any(String) };

beforeEach(() => resetRateLimitsForTests());

describe('malformed tokens are "signed out", never a 500', () => {
  const payload = b64(JSON.stringify({ sub: '00000000-0000-4000-8000-000000000000', exp: 4_000_000_000, role: 'authenticated' }));
  const malformed = {
    'a header that is not JSON': `${b64('not json')}.${payload}.AAAA`,
    'a null header': `${b64('null')}.${payload}.AAAA`,
    'an array header': `${b64('[]')}.${payload}.AAAA`,
    'another algorithm': `${b64(JSON.stringify({ alg: 'RS999', kid: 'k' }))}.${payload}.AAAA`,
    'a payload that is not JSON': `${b64(JSON.stringify({ alg: 'ES256', kid: 'k' }))}.${b64('not json')}.AAAA`,
    'a numeric kid': `${b64(JSON.stringify({ alg: 'ES256', kid: 7 }))}.${payload}.AAAA`,
  };

  it.each(Object.entries(malformed))('bearer token with %s → 401 in the envelope', async (_name, token) => {
    const res = await callRoute(getMe, '/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope);
  });

  it.each(Object.entries(malformed))('session cookie holding a token with %s → 401, not a 500', async (_name, token) => {
    const session = { access_token: token, refresh_token: 'r', expires_at: 4_000_000_000, expires_in: 3600, token_type: 'bearer', user: { id: 'x' } };
    const cookie = `sb-localhost-auth-token=base64-${b64(JSON.stringify(session))}`;
    const res = await callRoute(getMe, '/api/me', { headers: { cookie } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(envelope);
  });
});

describe('refresh-token reuse', () => {
  it('inside the reuse interval answers with the session’s current token, not a new independent one', async () => {
    const user = await createUser('reuse-window');
    const first = await authRequest('/token?grant_type=refresh_token', { body: { refresh_token: user.refreshToken } });
    expect(first.status).toBe(200);
    const again = await authRequest('/token?grant_type=refresh_token', { body: { refresh_token: user.refreshToken } });
    expect(again.status).toBe(200);
    expect(again.json.refresh_token).toBe(first.json.refresh_token);
    const [counted] = await sql<{ active: number }[]>`
      select count(*)::int as active from auth.refresh_tokens where user_id = ${user.id} and not revoked`;
    expect(counted!.active).toBe(1);
  });

  it('after the interval ends the session, and the revocation is committed', async () => {
    const user = await createUser('reuse-late');
    const first = await authRequest('/token?grant_type=refresh_token', { body: { refresh_token: user.refreshToken } });
    expect(first.status).toBe(200);
    // Age the rotation past the reuse interval.
    await sql`update auth.refresh_tokens set updated_at = now() - interval '1 minute' where user_id = ${user.id} and revoked`;
    const stolen = await authRequest('/token?grant_type=refresh_token', { body: { refresh_token: user.refreshToken } });
    expect(stolen.status).toBe(400);
    expect(stolen.json.code).toBe('refresh_token_already_used');
    expect(await sql`select 1 from auth.sessions where user_id = ${user.id}`).toHaveLength(0);
    // The legitimate holder's newer token died with the session.
    const legit = await authRequest('/token?grant_type=refresh_token', { body: { refresh_token: first.json.refresh_token } });
    expect(legit.status).toBe(400);
  });

  it('a session idle for longer than the session lifetime cannot be refreshed', async () => {
    const user = await createUser('idle');
    const sessionId = decodeJwt(user.accessToken).session_id as string;
    await sql`update auth.sessions set updated_at = now() - make_interval(secs => ${SESSION_INACTIVITY_SECONDS + 60}) where id = ${sessionId}`;
    const res = await authRequest('/token?grant_type=refresh_token', { body: { refresh_token: user.refreshToken } });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('session_expired');
    expect(await sql`select 1 from auth.sessions where id = ${sessionId}`).toHaveLength(0);
  });
});

describe('embedded auth in production', () => {
  const base = { DATABASE_URL: 'postgres://x@127.0.0.1/x', AUTH_MODE: 'embedded', EMBEDDED_AUTH_SIGNING_KEY: '{}' };
  it('is refused under NODE_ENV=production unless explicitly allowed for a local build', () => {
    expect(() => parseServerEnv({ ...base, NODE_ENV: 'production' })).toThrow(/refused under NODE_ENV=production/);
    expect(() => parseServerEnv({ ...base, NODE_ENV: 'production', ALLOW_EMBEDDED_AUTH_IN_PRODUCTION: '1' })).not.toThrow();
    expect(() => parseServerEnv({ ...base, NODE_ENV: 'production', ALLOW_EMBEDDED_AUTH_IN_PRODUCTION: '1', VERCEL: '1' })).toThrow(
      /cannot be used in a Vercel deployment/,
    );
    expect(() => parseServerEnv({ ...base, NODE_ENV: 'development' })).not.toThrow();
  });
});

describe('embedded auth bodies', () => {
  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    authPost(new Request(`http://localhost:3000/auth/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }));

  it('refuses a large body while streaming, without reading it all', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 5_000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await authPost(
      new Request('http://localhost:3000/auth/v1/signup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: endless, duplex: 'half' } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject(envelope);
    // 16 KiB allowed: the reader stops after the first 64 KiB chunk, far from the 300 MiB offered.
    expect(pulled).toBeLessThan(5);
  });

  it('refuses deep nesting with a 400 in the envelope', async () => {
    // 5,000 levels in 10 KB: under the size cap, so only the depth bound stands in the way.
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await post('/signup', `{"email":"deep-${Date.now()}@example.com","password":"long enough pw","data":{"a":${deep}}}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/nested more than 32 levels/);
    const shallowButTooDeep = `{"email":"deep2-${Date.now()}@example.com","password":"long enough pw","data":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`;
    const res2 = await post('/signup', shallowButTooDeep);
    expect(res2.status).toBe(400);
    const json = await res2.json();
    expect(json).toMatchObject(envelope);
    expect(json.error.message).toMatch(/nested/);
  });

  it.each([
    ['a NUL in the email', { email: 'a\u0000@example.com', password: 'long enough pw' }],
    ['a NUL in user metadata', { email: `nul-${Date.now()}@example.com`, password: 'long enough pw', data: { display_name: 'Ada\u0000' } }],
    ['a lone surrogate in user metadata', { email: `sur-${Date.now()}@example.com`, password: 'long enough pw', data: { display_name: 'Ada\ud800' } }],
    ['a password of spaces', { email: `sp-${Date.now()}@example.com`, password: '          ' }],
    ['a password of control characters', { email: `cc-${Date.now()}@example.com`, password: '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008' }],
  ])('refuses %s with a 4xx and creates no account', async (_name, body) => {
    const res = await post('/signup', JSON.stringify(body));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.json()).toMatchObject(envelope);
    expect(await sql`select 1 from auth.users where email = ${String(body.email).replace(/\u0000/g, '')}`).toHaveLength(0);
  });

  it('answers an unknown path with 404 and a bad grant with 400, both in the envelope', async () => {
    const unknown = await authGet(new Request('http://localhost:3000/auth/v1/nowhere'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject(envelope);
    const grant = await post('/token?grant_type=magic', '{}');
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ ...envelope, code: 'unsupported_grant_type' });
  });
});

describe('passwords', () => {
  it('hashes with scrypt N=2^17 and rehashes a weaker hash at the next sign-in', async () => {
    const user = await createUser('rehash');
    const [fresh] = await sql<{ encrypted_password: string }[]>`select encrypted_password from auth.users where id = ${user.id}`;
    expect(fresh!.encrypted_password).toMatch(/^scrypt\$131072\$8\$1\$/);

    // A hash from before the change (N = 2^14), in the stored format.
    const { scrypt } = await import('node:crypto');
    const salt = Buffer.alloc(16, 7);
    const key = await new Promise<Buffer>((resolve, reject) =>
      scrypt(user.password.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 }, (error, derived) => (error ? reject(error) : resolve(derived))),
    );
    const old = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    await sql`update auth.users set encrypted_password = ${old} where id = ${user.id}`;

    const signIn = await authRequest('/token?grant_type=password', { body: { email: user.email, password: user.password } });
    expect(signIn.status).toBe(200);
    const [after] = await sql<{ encrypted_password: string }[]>`select encrypted_password from auth.users where id = ${user.id}`;
    expect(after!.encrypted_password).toMatch(/^scrypt\$131072\$/);
    const again = await authRequest('/token?grant_type=password', { body: { email: user.email, password: user.password } });
    expect(again.status).toBe(200);
  });

  it('changes the password through PUT /user only for a session that still exists', async () => {
    const user = await createUser('pw-change');
    const put = (token: string, password: string) =>
      authPut(
        new Request('http://localhost:3000/auth/v1/user', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ password, code_challenge: null, code_challenge_method: null }),
        }),
      );
    expect((await put(user.accessToken, '   ')).status).toBe(422);
    const changed = await put(user.accessToken, 'a brand new password');
    expect(changed.status).toBe(200);
    const oldPassword = await authRequest('/token?grant_type=password', { body: { email: user.email, password: user.password } });
    expect(oldPassword.status).toBe(400);
    const newPassword = await authRequest('/token?grant_type=password', { body: { email: user.email, password: 'a brand new password' } });
    expect(newPassword.status).toBe(200);
    await authRequest('/logout?scope=global', { token: newPassword.json.access_token });
    expect((await put(newPassword.json.access_token, 'yet another password')).status).toBe(403);
    expect(await hashPassword('x')).not.toContain('x$');
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax and lives as long as the session, not 400 days', async () => {
    const user = await createUser('cookie-flags');
    const set: { name: string; options: Record<string, unknown> }[] = [];
    const ssr = createSupabaseServerClient({ getAll: () => [], setAll: (cookies) => void set.push(...cookies) });
    const { error } = await ssr.auth.signInWithPassword({ email: user.email, password: user.password });
    expect(error).toBeNull();
    expect(set.length).toBeGreaterThan(0);
    for (const cookie of set) {
      expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', maxAge: SESSION_INACTIVITY_SECONDS });
      // Secure in production only: tests run with NODE_ENV=test.
      expect(cookie.options.secure).toBe(false);
    }
  });
});

describe('tokens after sign-out', () => {
  it('are refused by the auth server at once (the check sensitive actions make)', async () => {
    const user = await createUser('signed-out');
    expect((await authRequest('/user', { method: 'GET', token: user.accessToken })).status).toBe(200);
    await authRequest('/logout', { token: user.accessToken });
    expect((await authRequest('/user', { method: 'GET', token: user.accessToken })).status).toBe(403);
    // The API verifies claims locally and keeps accepting the token until it expires (README).
    expect((await callRoute(getMe, '/api/me', { headers: bearer(user) })).status).toBe(200);
  });
});

describe('rate limits on the auth endpoints', () => {
  afterEach(() => resetRateLimitsForTests());

  it('allows 10 sign-ups an hour per IP, then 429 with Retry-After, in both shapes', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.50' };
    for (let i = 0; i < 10; i += 1) {
      // Bodies outside the schema: counted all the same, and no account is made.
      const res = await authPost(new Request('http://localhost:3000/auth/v1/signup', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' }));
      expect(res.status).toBe(400);
    }
    const refused = await authPost(new Request('http://localhost:3000/auth/v1/signup', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-limit')).toBe('10');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    const body = await refused.json();
    expect(body).toMatchObject({ ...envelope, error: { code: 'rate_limited' }, code: 'over_request_rate_limit' });
    // Another address is not affected.
    const other = await authPost(new Request('http://localhost:3000/auth/v1/signup', { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.51', 'content-type': 'application/json' }, body: '{}' }));
    expect(other.status).toBe(400);
  });

  it('allows 5 password sign-ins per 15 minutes per IP and email', async () => {
    const user = await createUser('limited');
    const attempt = (ip: string, email: string) =>
      authPost(
        new Request('http://localhost:3000/auth/v1/token?grant_type=password', {
          method: 'POST',
          headers: { 'x-forwarded-for': ip, 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'wrong password' }),
        }),
      );
    for (let i = 0; i < 5; i += 1) expect((await attempt('203.0.113.60', user.email)).status).toBe(400);
    expect((await attempt('203.0.113.60', user.email.toUpperCase())).status).toBe(429);
    // The owner on another network, and another account from this one, are not locked out.
    expect((await attempt('203.0.113.61', user.email)).status).toBe(400);
    expect((await attempt('203.0.113.60', `other-${user.email}`)).status).toBe(400);
  });
});

describe('signed-in API budgets', () => {
  it('answer 429 rate_limited with Retry-After and RateLimit headers once a user’s write budget is spent', async () => {
    resetRateLimitsForTests();
    const user = await createUser('budget');
    let last = await callRoute(patchMe, '/api/me', { method: 'PATCH', body: { displayName: 'A' }, headers: bearer(user) });
    expect(last.headers.get('ratelimit-limit')).toBe('60');
    expect(last.headers.get('ratelimit-remaining')).toBe('59');
    for (let i = 1; i < 60; i += 1) last = await callRoute(patchMe, '/api/me', { method: 'PATCH', body: { displayName: 'A' }, headers: bearer(user) });
    expect(last.status).toBe(200);
    const refused = await callRoute(patchMe, '/api/me', { method: 'PATCH', body: { displayName: 'B' }, headers: bearer(user) });
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Nothing was written by the refused request, and reads have their own budget.
    const [row] = await sql`select display_name from public.user_profiles where user_id = ${user.id}`;
    expect(row!.display_name).toBe('A');
    expect((await callRoute(getMe, '/api/me', { headers: bearer(user) })).status).toBe(200);
  });
});
