import { createClient } from '@supabase/supabase-js';
import { SignJWT, generateKeyPair, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { GET as getMe } from '@/app/api/me/route';
import { GET as authGet, POST as authPost } from '@/app/auth/v1/[...path]/route';
import { createSupabaseServerClient } from '@/lib/auth/supabase';
import { authRequest, bearer, createUser } from '@/tests/support/users';
import { callRoute } from '@/tests/support/routes';
import { ownerSql } from '@/tests/support/database';

const sql = ownerSql();

/** supabase-js pointed at the app's /auth/v1 route handlers over a fetch that calls them in-process. */
function browserLikeClient() {
  return createClient('http://localhost:3000', 'anon-key', {
    auth: { persistSession: false, autoRefreshToken: false },
    global: {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        return request.method === 'GET' ? authGet(request) : authPost(request);
      },
    },
  });
}

describe('embedded auth server through supabase-js', () => {
  it('signs up, creates the profile and vibe rows, and signs in', async () => {
    const supabase = browserLikeClient();
    const email = `new-${Date.now()}@example.com`;
    const signUp = await supabase.auth.signUp({ email, password: 'correct horse battery', options: { data: { display_name: 'Ada' } } });
    expect(signUp.error).toBeNull();
    const userId = signUp.data.user!.id;
    expect(signUp.data.session?.access_token).toBeTruthy();

    const [profile] = await sql`select display_name, subscription_tier from public.user_profiles where user_id = ${userId}`;
    expect(profile).toEqual({ display_name: 'Ada', subscription_tier: 'free' });
    const [vibe] = await sql`select playfulness, revenue_focus, investor_perspective from public.vibe_configs where user_id = ${userId} and kind = 'current'`;
    expect(vibe).toEqual({ playfulness: 50, revenue_focus: 60, investor_perspective: 40 });

    const [stored] = await sql`select encrypted_password from auth.users where id = ${userId}`;
    expect(stored!.encrypted_password).toMatch(/^scrypt\$/);
    expect(stored!.encrypted_password).not.toContain('correct horse');

    const signIn = await supabase.auth.signInWithPassword({ email: email.toUpperCase(), password: 'correct horse battery' });
    expect(signIn.error).toBeNull();
    expect(signIn.data.user?.id).toBe(userId);

    const claims = await supabase.auth.getClaims(signIn.data.session!.access_token);
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.sub).toBe(userId);
    expect(decodeProtectedHeader(signIn.data.session!.access_token).alg).toBe('ES256');
  });

  it('rejects a duplicate email, a short password and a wrong password with Supabase error codes', async () => {
    const supabase = browserLikeClient();
    const user = await createUser('dup');
    const duplicate = await supabase.auth.signUp({ email: user.email, password: 'another password' });
    expect(duplicate.error?.code).toBe('user_already_exists');
    const weak = await supabase.auth.signUp({ email: `weak-${Date.now()}@example.com`, password: 'short' });
    expect(weak.error?.code).toBe('weak_password');
    const wrong = await supabase.auth.signInWithPassword({ email: user.email, password: 'not the password' });
    expect(wrong.error?.code).toBe('invalid_credentials');
    const unknown = await supabase.auth.signInWithPassword({ email: `nobody-${Date.now()}@example.com`, password: 'whatever1' });
    expect(unknown.error?.code).toBe('invalid_credentials');
  });

  it('rotates refresh tokens and ends the session on sign-out', async () => {
    const user = await createUser('refresh');
    const first = await authRequest('/token?grant_type=refresh_token', { body: { refresh_token: user.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.json.refresh_token).not.toBe(user.refreshToken);
    expect(decodeJwt(first.json.access_token).sub).toBe(user.id);

    const me = await authRequest('/user', { method: 'GET', token: first.json.access_token });
    expect(me.json.id).toBe(user.id);

    const logout = await authRequest('/logout', { token: first.json.access_token });
    expect(logout.status).toBe(204);
    const afterLogout = await authRequest('/token?grant_type=refresh_token', { body: { refresh_token: first.json.refresh_token } });
    expect(afterLogout.status).toBe(400);
    const userAfterLogout = await authRequest('/user', { method: 'GET', token: first.json.access_token });
    expect(userAfterLogout.status).toBe(403);
  });

  it('publishes only the public half of the signing key', async () => {
    const jwks = await authRequest('/.well-known/jwks.json', { method: 'GET' });
    expect(jwks.status).toBe(200);
    expect(jwks.json.keys).toHaveLength(1);
    expect(jwks.json.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.json.keys[0].d).toBeUndefined();
  });
});

describe('protected API routes', () => {
  it('answers 401 in the error envelope without a session', async () => {
    const res = await callRoute(getMe, '/api/me');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      error: { code: 'unauthorized', message: expect.any(String) },
      requestId: expect.any(String),
    });
    expect(res.headers.get('x-request-id')).toBe(res.json.requestId);
  });

  it('serves the caller with a valid bearer token', async () => {
    const user = await createUser('bearer');
    const res = await callRoute(getMe, '/api/me', { headers: bearer(user) });
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({ id: user.id, email: user.email, isAdmin: false });
  });

  it('rejects forged, expired, unsigned and malformed tokens', async () => {
    const user = await createUser('forged');
    const realHeader = decodeProtectedHeader(user.accessToken);
    const realClaims = decodeJwt(user.accessToken);

    // Same kid and claims, signed with a key the server never issued.
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(realClaims).setProtectedHeader({ alg: 'ES256', kid: realHeader.kid!, typ: 'JWT' }).sign(privateKey);

    // Signed with the real key, but expired.
    const realKey = JSON.parse(process.env.EMBEDDED_AUTH_SIGNING_KEY!);
    const signingKey = await importJWK(realKey, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...realClaims, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: 'ES256', kid: realKey.kid, typ: 'JWT' })
      .sign(signingKey);

    // "alg: none" and a symmetric token fall back to the auth server's /user check, which refuses them.
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(realClaims)).toString('base64url')}.`;
    const { createSecretKey } = await import('node:crypto');
    const hs256 = await new SignJWT(realClaims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(createSecretKey(Buffer.alloc(32, 1)));

    for (const token of [forged, expired, unsigned, hs256, 'not-a-jwt']) {
      const res = await callRoute(getMe, '/api/me', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, token.slice(0, 20)).toBe(401);
      expect(res.json.error.code).toBe('unauthorized');
    }
    const basic = await callRoute(getMe, '/api/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
  });

  it('stops accepting a cached bearer token once it expires', async () => {
    const user = await createUser('expiry');
    const realKey = JSON.parse(process.env.EMBEDDED_AUTH_SIGNING_KEY!);
    const signingKey = await importJWK(realKey, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await new SignJWT({ ...decodeJwt(user.accessToken), iat: now, exp: now + 60 })
      .setProtectedHeader({ alg: 'ES256', kid: realKey.kid, typ: 'JWT' })
      .sign(signingKey);
    const headers = { authorization: `Bearer ${shortLived}` };
    expect((await callRoute(getMe, '/api/me', { headers })).status).toBe(200);
    expect((await callRoute(getMe, '/api/me', { headers })).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 120_000);
      expect((await callRoute(getMe, '/api/me', { headers })).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('accepts the @supabase/ssr session cookie and refreshes an expired one', async () => {
    const user = await createUser('cookie');
    const jar = new Map<string, string>();
    const ssr = createSupabaseServerClient({
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value } of cookies) {
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
      },
    });
    const signIn = await ssr.auth.signInWithPassword({ email: user.email, password: user.password });
    expect(signIn.error).toBeNull();
    expect(jar.size).toBeGreaterThan(0);
    const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');

    const ok = await callRoute(getMe, '/api/me', { headers: { cookie: cookieHeader() } });
    expect(ok.status).toBe(200);
    expect(ok.json.user.id).toBe(user.id);

    // Rewrite the stored session so its access token looks expired: the route must refresh it
    // with the refresh token and send the new session back as a cookie.
    const [name, raw] = [...jar][0]!;
    const session = JSON.parse(Buffer.from(raw.replace(/^base64-/, ''), 'base64url').toString('utf8'));
    session.expires_at = Math.floor(Date.now() / 1000) - 10;
    jar.set(name, `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`);
    const refreshed = await callRoute(getMe, '/api/me', { headers: { cookie: cookieHeader() } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('set-cookie')).toContain(name);
  });
});
