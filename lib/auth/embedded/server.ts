import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, createLocalJWKSet } from 'jose';
import { z } from 'zod';
import { withDatabaseOwner } from '@/lib/db/service-role';
import type { TransactionSql } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { burnPasswordCheck, hashPassword, verifyPassword } from '@/lib/auth/embedded/passwords';
import { SIGNING_ALG, signingKey } from '@/lib/auth/embedded/signing-key';

/**
 * The part of the Supabase Auth (GoTrue) HTTP API that supabase-js uses for email and password
 * accounts, served by the app itself when AUTH_MODE=embedded. It lets `npm run dev` work with no
 * external service while the app keeps using @supabase/ssr exactly as in production.
 *
 * Endpoints (under /auth/v1): POST /signup, POST /token?grant_type=password|refresh_token,
 * GET /user, POST /logout, GET /.well-known/jwks.json.
 */

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
// Like GoTrue's refresh_token_reuse_interval: parallel refreshes with the same token (the proxy
// and a server component, two tabs) get the session's current token instead of a sign-out.
const REFRESH_REUSE_INTERVAL_MS = 10_000;
const API_VERSION = '2024-01-01';

class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const credentialsSchema = z.object({
  email: z.email('Enter a valid email address').max(254),
  password: z.string().max(72, 'Password must be at most 72 characters'),
});

const signupSchema = credentialsSchema.extend({
  password: z.string().min(8, 'Password must be at least 8 characters').max(72, 'Password must be at most 72 characters'),
  data: z.record(z.string(), z.unknown()).optional(),
});

const refreshSchema = z.object({ refresh_token: z.string().min(1).max(200) });

interface UserRow {
  id: string;
  email: string;
  encrypted_password: string | null;
  raw_app_meta_data: Record<string, unknown>;
  raw_user_meta_data: Record<string, unknown>;
  email_confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function isEmbeddedAuthEnabled(): boolean {
  return serverEnv().AUTH_MODE === 'embedded';
}

export async function handleEmbeddedAuth(request: Request): Promise<Response> {
  if (!isEmbeddedAuthEnabled()) return json(404, { code: 'not_found', message: 'Not found' });
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/auth\/v1/, '').replace(/\/$/, '');
  try {
    if (request.method === 'GET' && path === '/.well-known/jwks.json') {
      const key = await signingKey();
      return json(200, { keys: [key.publicJwk] }, { 'cache-control': 'public, max-age=600' });
    }
    if (request.method === 'POST' && path === '/signup') return json(200, await signUp(await readJson(request)));
    if (request.method === 'POST' && path === '/token') {
      const grantType = url.searchParams.get('grant_type');
      if (grantType === 'password') return json(200, await passwordGrant(await readJson(request)));
      if (grantType === 'refresh_token') return json(200, await refreshGrant(await readJson(request)));
      throw new AuthError(400, 'unsupported_grant_type', 'Unsupported grant type');
    }
    if (request.method === 'GET' && path === '/user') return json(200, await currentUser(request));
    if (request.method === 'POST' && path === '/logout') {
      await logout(request, url.searchParams.get('scope') ?? 'global');
      return new Response(null, { status: 204, headers: { 'x-supabase-api-version': API_VERSION } });
    }
    throw new AuthError(404, 'not_found', 'Not found');
  } catch (error) {
    if (error instanceof AuthError) return json(error.status, { code: error.code, message: error.message });
    throw error;
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-supabase-api-version': API_VERSION, ...headers },
  });
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 16_384) throw new AuthError(413, 'request_too_large', 'Request body is too large');
  try {
    return JSON.parse(text);
  } catch {
    throw new AuthError(400, 'bad_json', 'Request body is not valid JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const code = issue?.path[0] === 'password' ? 'weak_password' : 'validation_failed';
    throw new AuthError(code === 'weak_password' ? 422 : 400, code, issue?.message ?? 'Invalid request');
  }
  return result.data;
}

async function signUp(body: unknown) {
  const input = parse(signupSchema, body);
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return withDatabaseOwner(async (tx) => {
    const inserted = await tx<UserRow[]>`
      insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data)
      values (gen_random_uuid(), 'authenticated', 'authenticated', ${email}, ${passwordHash}, now(),
        ${tx.json({ provider: 'email', providers: ['email'] })}, ${tx.json((input.data ?? {}) as never)})
      on conflict (lower(email)) do nothing
      returning *`;
    const user = inserted[0];
    if (!user) throw new AuthError(422, 'user_already_exists', 'User already registered');
    return issueSession(tx, user);
  });
}

async function passwordGrant(body: unknown) {
  const input = parse(credentialsSchema, body);
  // The password check runs outside the transaction: scrypt is slow on purpose, connections are not.
  const [user] = await withDatabaseOwner(
    (tx) => tx<UserRow[]>`select * from auth.users where lower(email) = ${input.email.toLowerCase()}`,
  );
  if (!user?.encrypted_password) {
    await burnPasswordCheck(input.password);
    throw new AuthError(400, 'invalid_credentials', 'Invalid login credentials');
  }
  if (!(await verifyPassword(input.password, user.encrypted_password))) {
    throw new AuthError(400, 'invalid_credentials', 'Invalid login credentials');
  }
  return withDatabaseOwner(async (tx) => {
    const [signedIn] = await tx<UserRow[]>`
      update auth.users set last_sign_in_at = now() where id = ${user.id} returning *`;
    return issueSession(tx, signedIn!);
  });
}

async function refreshGrant(body: unknown) {
  const { refresh_token: token } = parse(refreshSchema, body);
  return withDatabaseOwner(async (tx) => {
    const [row] = await tx<{ id: string; session_id: string; user_id: string; revoked: boolean; updated_at: Date }[]>`
      select id, session_id, user_id, revoked, updated_at from auth.refresh_tokens
      where token = ${hashToken(token)} for update`;
    if (!row) throw new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    const [user] = await tx<UserRow[]>`select * from auth.users where id = ${row.user_id}`;
    const [session] = await tx<{ id: string }[]>`select id from auth.sessions where id = ${row.session_id}`;
    if (!user || !session) throw new AuthError(400, 'session_not_found', 'Session not found');
    if (row.revoked) {
      if (Date.now() - row.updated_at.getTime() > REFRESH_REUSE_INTERVAL_MS) {
        // A rotated token used again long after rotation: treat it as stolen and end the session.
        await tx`delete from auth.sessions where id = ${row.session_id}`;
        throw new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
      }
    } else {
      await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${row.id}`;
    }
    await tx`update auth.sessions set updated_at = now() where id = ${row.session_id}`;
    return issueTokens(tx, user, row.session_id, row.id);
  });
}

async function currentUser(request: Request) {
  const claims = await verifyAccessToken(request);
  return withDatabaseOwner(async (tx) => {
    const [session] = await tx`select 1 from auth.sessions where id = ${claims.session_id}`;
    if (!session) throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    const [user] = await tx<UserRow[]>`select * from auth.users where id = ${claims.sub}`;
    if (!user) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return userJson(user);
  });
}

async function logout(request: Request, scope: string) {
  const claims = await verifyAccessToken(request);
  await withDatabaseOwner(async (tx) => {
    if (scope === 'local') await tx`delete from auth.sessions where id = ${claims.session_id}`;
    else if (scope === 'others') await tx`delete from auth.sessions where user_id = ${claims.sub} and id <> ${claims.session_id}`;
    else await tx`delete from auth.sessions where user_id = ${claims.sub}`;
  });
}

interface AccessClaims {
  sub: string;
  session_id: string;
}

async function verifyAccessToken(request: Request): Promise<AccessClaims> {
  const header = request.headers.get('authorization') ?? '';
  const token = /^Bearer (.+)$/i.exec(header)?.[1];
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a Bearer token');
  const key = await signingKey();
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [key.publicJwk] }), {
      algorithms: [SIGNING_ALG],
      issuer: issuer(),
      audience: 'authenticated',
    });
    if (typeof payload.sub !== 'string' || typeof payload.session_id !== 'string') throw new Error('missing claims');
    return { sub: payload.sub, session_id: payload.session_id };
  } catch {
    throw new AuthError(403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature');
  }
}

function issuer(): string {
  return `${serverEnv().supabaseUrl}/auth/v1`;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

async function issueSession(tx: TransactionSql, user: UserRow) {
  const [session] = await tx<{ id: string }[]>`
    insert into auth.sessions (id, user_id) values (gen_random_uuid(), ${user.id}) returning id`;
  return issueTokens(tx, user, session!.id, null);
}

async function issueTokens(tx: TransactionSql, user: UserRow, sessionId: string, parentId: string | null) {
  const refreshToken = randomBytes(24).toString('base64url');
  await tx`
    insert into auth.refresh_tokens (token, user_id, session_id, parent)
    values (${hashToken(refreshToken)}, ${user.id}, ${sessionId}, ${parentId})`;
  const key = await signingKey();
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + ACCESS_TOKEN_TTL_SECONDS;
  const accessToken = await new SignJWT({
    email: user.email,
    phone: '',
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    role: 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    session_id: sessionId,
    is_anonymous: false,
  })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(issuer())
    .setAudience('authenticated')
    .setSubject(user.id)
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

function userJson(user: UserRow) {
  return {
    id: user.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: user.email,
    email_confirmed_at: user.email_confirmed_at?.toISOString() ?? null,
    confirmed_at: user.email_confirmed_at?.toISOString() ?? null,
    phone: '',
    last_sign_in_at: user.last_sign_in_at?.toISOString() ?? null,
    app_metadata: user.raw_app_meta_data,
    user_metadata: user.raw_user_meta_data,
    identities: [],
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
    is_anonymous: false,
  };
}
