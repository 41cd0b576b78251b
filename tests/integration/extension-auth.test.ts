import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as authorize } from '@/app/api/extension/authorize/route';
import { POST as exchange } from '@/app/api/extension/exchange/route';
import { POST as refresh } from '@/app/api/extension/refresh/route';
import { POST as revoke } from '@/app/api/extension/revoke/route';
import { GET as validate } from '@/app/api/extension/validate/route';
import { GET as getMe } from '@/app/api/me/route';
import { hashToken } from '@/lib/tokens/token-secret';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * The extension's sign-in: approve (session) → one-time code bound to a PKCE challenge → exchange
 * with the verifier → access + refresh token; refresh rotates, and a spent refresh token presented
 * again revokes the whole family at once.
 */

const sql = ownerSql();
const SCOPES = ['runs:write', 'runs:read', 'profile:read'];

function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function approve(user: TestUser, challenge: string) {
  const state = randomBytes(16).toString('base64url');
  const res = await callRoute(authorize, '/api/extension/authorize', { method: 'POST', headers: bearer(user), body: { challenge, state } });
  expect(res.status, res.text).toBe(201);
  expect(res.json.state).toBe(state);
  return res.json.code as string;
}

const exchangeCode = (code: string, verifier: string) => callRoute(exchange, '/api/extension/exchange', { method: 'POST', body: { code, verifier } });
const refreshWith = (refreshToken: string) => callRoute(refresh, '/api/extension/refresh', { method: 'POST', body: { refreshToken } });
const validateWith = (token: string) => callRoute(validate, '/api/extension/validate', { headers: { authorization: `Bearer ${token}` } });

async function connect(user: TestUser) {
  const { verifier, challenge } = pkcePair();
  const code = await approve(user, challenge);
  const res = await exchangeCode(code, verifier);
  expect(res.status, res.text).toBe(200);
  return res.json as { accessToken: string; refreshToken: string; expiresAt: string; scopes: string[]; user: { id: string; email: string } };
}

const extensionTokens = async (user: TestUser) =>
  (await sql<{ n: number }[]>`select count(*)::int as n from public.api_tokens where user_id = ${user.id} and kind = 'extension'`)[0]!.n;

function expectInvalidGrant(res: { status: number; json: Record<string, any> }) {
  expect(res.status).toBe(400);
  expect(res.json.error.code).toBe('bad_request');
  expect(res.json.error.message).toMatch(/invalid, expired|already used/);
  expect(res.json).not.toHaveProperty('accessToken');
}

describe('connecting the extension', () => {
  it('approve → exchange issues an hour-long access token with the extension scopes; validate and the API accept it', async () => {
    const user = await createUser('ext-happy');
    const before = Date.now();
    const grant = await connect(user);
    expect(grant.accessToken).toMatch(/^vc_[A-Za-z0-9]{40}$/);
    expect(grant.refreshToken).toMatch(/^vcr_[A-Za-z0-9]{40}$/);
    expect(grant.scopes).toEqual(SCOPES);
    expect(grant.user).toEqual({ id: user.id, email: user.email });
    const lifetime = Date.parse(grant.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThan(61 * 60_000);

    const info = await validateWith(grant.accessToken);
    expect(info.status, info.text).toBe(200);
    expect(info.json).toEqual({ user: { id: user.id, email: user.email }, scopes: SCOPES, kind: 'extension', expiresAt: grant.expiresAt });
    const me = await callRoute(getMe, '/api/me', { headers: { authorization: `Bearer ${grant.accessToken}` } });
    expect(me.status, me.text).toBe(200);
    expect(me.json.user.id).toBe(user.id);

    // Only hashes at rest.
    const [stored] = await sql<{ token_hash: string; family_id: string }[]>`select token_hash, family_id from public.extension_refresh_tokens where user_id = ${user.id}`;
    expect(stored!.token_hash).toBe(hashToken(grant.refreshToken));
    const [access] = await sql<{ token_hash: string; family_id: string }[]>`select token_hash, family_id from public.api_tokens where user_id = ${user.id}`;
    expect(access!.token_hash).toBe(hashToken(grant.accessToken));
    expect(access!.family_id).toBe(stored!.family_id);
  });

  it('a wrong verifier is refused, issues nothing, and spends the code', async () => {
    const user = await createUser('ext-verifier');
    const { verifier, challenge } = pkcePair();
    const code = await approve(user, challenge);
    expectInvalidGrant(await exchangeCode(code, pkcePair().verifier));
    expect(await extensionTokens(user)).toBe(0);
    // Whoever sent the wrong verifier had the code; it is no good to anyone now.
    expectInvalidGrant(await exchangeCode(code, verifier));
    expect(await extensionTokens(user)).toBe(0);
  });

  it('a code works once; presenting it again is refused and revokes what it was exchanged for', async () => {
    const user = await createUser('ext-reuse');
    const { verifier, challenge } = pkcePair();
    const code = await approve(user, challenge);
    const first = await exchangeCode(code, verifier);
    expect(first.status, first.text).toBe(200);
    expectInvalidGrant(await exchangeCode(code, verifier));
    expect(await extensionTokens(user)).toBe(1);
    expect((await validateWith(first.json.accessToken)).status).toBe(401);
    expectInvalidGrant(await refreshWith(first.json.refreshToken));
  });

  it('an expired code is refused', async () => {
    const user = await createUser('ext-expired');
    const { verifier, challenge } = pkcePair();
    const code = await approve(user, challenge);
    const [row] = await sql<{ expires_at: Date; created_at: Date }[]>`select expires_at, created_at from public.extension_auth_codes where code_hash = ${hashToken(code)}`;
    expect(row!.expires_at.getTime() - row!.created_at.getTime()).toBe(5 * 60_000);
    await sql`update public.extension_auth_codes set created_at = now() - interval '10 minutes', expires_at = now() - interval '1 second' where code_hash = ${hashToken(code)}`;
    expectInvalidGrant(await exchangeCode(code, verifier));
    expect(await extensionTokens(user)).toBe(0);
  });

  it('needs a session to approve: no session 401, an API token 403', async () => {
    const user = await createUser('ext-approve');
    const { challenge } = pkcePair();
    const anonymous = await callRoute(authorize, '/api/extension/authorize', { method: 'POST', body: { challenge, state: 'x'.repeat(16) } });
    expect(anonymous.status).toBe(401);
    const grant = await connect(user);
    const withToken = await callRoute(authorize, '/api/extension/authorize', {
      method: 'POST',
      headers: { authorization: `Bearer ${grant.accessToken}` },
      body: { challenge, state: 'x'.repeat(16) },
    });
    expect(withToken.status).toBe(403);
    const [codes] = await sql<{ n: number }[]>`select count(*)::int as n from public.extension_auth_codes where user_id = ${user.id}`;
    expect(codes!.n).toBe(1);
  });
});

describe('refreshing', () => {
  it('rotates both tokens: the old access token stops working, the new pair works', async () => {
    const user = await createUser('ext-rotate');
    const grant = await connect(user);
    const rotated = await refreshWith(grant.refreshToken);
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.json.accessToken).not.toBe(grant.accessToken);
    expect(rotated.json.refreshToken).not.toBe(grant.refreshToken);
    expect(rotated.json.scopes).toEqual(SCOPES);
    expect((await validateWith(grant.accessToken)).status).toBe(401);
    expect((await validateWith(rotated.json.accessToken)).json.user.id).toBe(user.id);
    const again = await refreshWith(rotated.json.refreshToken);
    expect(again.status, again.text).toBe(200);
    expect((await validateWith(again.json.accessToken)).status).toBe(200);
  });

  it('a spent refresh token presented again revokes the family: old and new access tokens 401 at once', async () => {
    const user = await createUser('ext-family');
    const other = await connect(user); // a second connection (another browser) is a family of its own
    const grant = await connect(user);
    const rotated = await refreshWith(grant.refreshToken);
    expect(rotated.status).toBe(200);
    expect((await validateWith(rotated.json.accessToken)).status).toBe(200);

    expectInvalidGrant(await refreshWith(grant.refreshToken));
    expect((await validateWith(grant.accessToken)).status).toBe(401);
    expect((await validateWith(rotated.json.accessToken)).status).toBe(401);
    expect((await callRoute(getMe, '/api/me', { headers: { authorization: `Bearer ${rotated.json.accessToken}` } })).status).toBe(401);
    // The newest refresh token of the family is revoked too, so the thief gets nothing either.
    expectInvalidGrant(await refreshWith(rotated.json.refreshToken));
    expect((await validateWith(other.accessToken)).status).toBe(200);
  });

  it('an expired or unknown refresh token is refused', async () => {
    const user = await createUser('ext-refresh-expired');
    const grant = await connect(user);
    await sql`update public.extension_refresh_tokens set created_at = now() - interval '31 days', expires_at = now() - interval '1 day' where token_hash = ${hashToken(grant.refreshToken)}`;
    expectInvalidGrant(await refreshWith(grant.refreshToken));
    expectInvalidGrant(await refreshWith(`vcr_${'Z'.repeat(40)}`));
    expect((await validateWith(grant.accessToken)).status).toBe(200);
  });
});

describe('disconnecting', () => {
  it('revokes the connection: its access and refresh tokens stop working, other connections go on', async () => {
    const user = await createUser('ext-disconnect');
    const other = await connect(user);
    const grant = await connect(user);
    const res = await callRoute(revoke, '/api/extension/revoke', { method: 'POST', body: { refreshToken: grant.refreshToken } });
    expect(res.status, res.text).toBe(204);
    expect((await validateWith(grant.accessToken)).status).toBe(401);
    expectInvalidGrant(await refreshWith(grant.refreshToken));
    expect((await validateWith(other.accessToken)).status).toBe(200);
    const unknown = await callRoute(revoke, '/api/extension/revoke', { method: 'POST', body: { refreshToken: `vcr_${'Q'.repeat(40)}` } });
    expect(unknown.status).toBe(204);
  });
});

describe('validate', () => {
  it('answers 401 in the envelope without a live token', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer nonsense' }, { authorization: `Bearer vc_${'a'.repeat(40)}` }]) {
      const res = await callRoute(validate, '/api/extension/validate', { headers });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthorized');
      expect(res.json.requestId).toEqual(expect.any(String));
    }
  });
});
