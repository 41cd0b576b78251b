import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, createLocalJWKSet } from 'jose';
import { z } from 'zod';
import { isDatabaseUnavailable } from '@/lib/api/database-errors';
import { ApiError } from '@/lib/api/errors';
import { readBodyBytes } from '@/lib/api/parse';
import { findTextProblem, textProblemMessage } from '@/lib/api/text-rule';
import { withDatabaseOwner } from '@/lib/db/service-role';
import type { TransactionSql } from '@/lib/db/client';
import { serverEnv } from '@/lib/env';
import { newPasswordSchema } from '@/lib/auth/password-rule';
import { SESSION_INACTIVITY_SECONDS } from '@/lib/auth/session-lifetime';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from '@/lib/auth/embedded/passwords';
import { SIGNING_ALG, signingKey } from '@/lib/auth/embedded/signing-key';
import { logger } from '@/lib/observability/logger';

/**
 * The part of the Supabase Auth (GoTrue) HTTP API that supabase-js uses for email and password
 * accounts, served by the app itself when AUTH_MODE=embedded. It lets `npm run dev` work with no
 * external service while the app keeps using @supabase/ssr exactly as in production.
 *
 * Endpoints (under /auth/v1): POST /signup, POST /token?grant_type=password|refresh_token,
 * GET /user, POST /logout, GET /.well-known/jwks.json, and the admin API's GET and DELETE
 * /admin/users/:id (account deletion), which take a service-role token only the server can mint.
 */

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
// Like GoTrue's refresh_token_reuse_interval: parallel refreshes with the same token (the proxy
// and a server component, two tabs) get the session's current token instead of a sign-out.
const REFRESH_REUSE_INTERVAL_MS = 10_000;
// How far a reused token's descendants are followed to find the session's current token.
const MAX_ROTATIONS_FOLLOWED = 20;
const API_VERSION = '2024-01-01';
export const EMBEDDED_AUTH_MAX_BODY_BYTES = 16 * 1024;
// user_metadata from sign-up: a flat bag of a few short values (display_name today).
const MAX_METADATA_DEPTH = 3;

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
  password: newPasswordSchema,
  data: z.record(z.string().max(100), z.unknown()).optional(),
});

// supabase-js always sends the PKCE fields (null unless an email change is asked for).
const updateUserSchema = z
  .object({ password: newPasswordSchema, code_challenge: z.null().optional(), code_challenge_method: z.null().optional() })
  .strict();

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
  const requestId = request.headers.get('x-request-id') ?? crypto.randomUUID();
  if (!isEmbeddedAuthEnabled()) return errorJson(404, 'not_found', 'Not found', requestId);
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
    if (request.method === 'PUT' && path === '/user') return json(200, await updateUser(request, await readJson(request)));
    const adminUser = /^\/admin\/users\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && adminUser) return json(200, await userAsAdmin(request, adminUser[1]!));
    if (request.method === 'DELETE' && adminUser) {
      await deleteUserAsAdmin(request, adminUser[1]!);
      return json(200, {});
    }
    if (request.method === 'POST' && path === '/logout') {
      await logout(request, url.searchParams.get('scope') ?? 'global');
      return new Response(null, { status: 204, headers: { 'x-supabase-api-version': API_VERSION } });
    }
    throw new AuthError(404, 'not_found', 'Not found');
  } catch (error) {
    // Its own refusals, and those of the shared body reader (a body that broke off mid-upload).
    if (error instanceof AuthError || error instanceof ApiError) return errorJson(error.status, error.code, error.message, requestId);
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error, requestId }, 'embedded auth: database unavailable');
      return errorJson(503, 'service_unavailable', 'The service is briefly unavailable. Try again in a few seconds.', requestId, {
        'retry-after': '5',
      });
    }
    logger.error({ err: error, requestId }, 'embedded auth: unhandled error');
    return errorJson(500, 'internal_error', 'Something went wrong. Quote the request id if you contact support.', requestId);
  }
}

/**
 * Errors carry both shapes: Supabase Auth's (`code`, `msg`), which supabase-js reads, and the app's
 * envelope (`error`, `requestId`), which every other API answer uses.
 */
function errorJson(status: number, code: string, message: string, requestId: string, headers: Record<string, string> = {}): Response {
  return json(status, { code, msg: message, error: { code, message }, requestId }, { 'x-request-id': requestId, ...headers });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-supabase-api-version': API_VERSION, ...headers },
  });
}

/** Counted while streaming, like the API's bodies: a large body is refused, never buffered. */
async function readJson(request: Request): Promise<unknown> {
  const bytes = await readBodyBytes(request, EMBEDDED_AUTH_MAX_BODY_BYTES, () => new AuthError(413, 'request_too_large', 'Request body is too large'));
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AuthError(400, 'bad_json', 'Request body is not valid JSON');
  }
  const problem = findTextProblem(data);
  if (problem) throw new AuthError(400, 'validation_failed', textProblemMessage(problem));
  return data;
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
  const metadataProblem = findTextProblem(input.data ?? {}, MAX_METADATA_DEPTH);
  if (metadataProblem) {
    const path = metadataProblem.path === 'body' ? 'data' : `data.${metadataProblem.path}`;
    throw new AuthError(400, 'validation_failed', textProblemMessage({ ...metadataProblem, path }));
  }
  if (JSON.stringify(input.data ?? {}).length > 4096) throw new AuthError(400, 'validation_failed', 'data: at most 4096 characters of user metadata');
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
  // A hash made with weaker parameters is replaced now, while the password is at hand; only if it
  // is still the hash that was checked, so a password changed meanwhile is not overwritten.
  const rehashed = needsRehash(user.encrypted_password) ? await hashPassword(input.password) : null;
  return withDatabaseOwner(async (tx) => {
    const [signedIn] = await tx<UserRow[]>`
      update auth.users set last_sign_in_at = now(),
        encrypted_password = case when ${rehashed}::text is not null and encrypted_password = ${user.encrypted_password}
                                  then ${rehashed}::text else encrypted_password end
      where id = ${user.id} returning *`;
    return issueSession(tx, signedIn!);
  });
}

type RefreshOutcome = { tokens: Awaited<ReturnType<typeof issueTokens>> } | { refused: AuthError };

/**
 * Rotates a refresh token. Reuse of a rotated token inside the reuse interval (parallel refreshes)
 * answers with the session's current token rather than minting a second, independent one; reuse
 * after it is treated as theft and ends the session. The refusal is returned, not thrown, so the
 * session's deletion commits before the error goes back.
 */
async function refreshGrant(body: unknown) {
  const { refresh_token: token } = parse(refreshSchema, body);
  const outcome = await withDatabaseOwner(async (tx): Promise<RefreshOutcome> => {
    const [row] = await tx<RefreshRow[]>`
      select id, session_id, user_id, revoked, updated_at from auth.refresh_tokens
      where token = ${hashToken(token)} for update`;
    if (!row) return { refused: new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found') };
    const [user] = await tx<UserRow[]>`select * from auth.users where id = ${row.user_id}`;
    const [session] = await tx<{ id: string; idle_seconds: number }[]>`
      select id, extract(epoch from now() - updated_at)::float8 as idle_seconds from auth.sessions where id = ${row.session_id} for update`;
    if (!user || !session) return { refused: new AuthError(400, 'session_not_found', 'Session not found') };
    if (session.idle_seconds > SESSION_INACTIVITY_SECONDS) {
      await tx`delete from auth.sessions where id = ${row.session_id}`;
      return { refused: new AuthError(400, 'session_expired', 'Session Expired (Inactivity)') };
    }
    if (!row.revoked) {
      await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where id = ${row.id}`;
      await tx`update auth.sessions set updated_at = now() where id = ${row.session_id}`;
      return { tokens: await issueTokens(tx, user, row.session_id, { parent: row.id, token: childToken(token) }) };
    }
    if (Date.now() - row.updated_at.getTime() > REFRESH_REUSE_INTERVAL_MS) {
      await tx`delete from auth.sessions where id = ${row.session_id}`;
      return { refused: new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used') };
    }
    const current = await currentDescendant(tx, token, row.session_id);
    if (!current) return { refused: new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used') };
    return { tokens: await accessTokens(user, row.session_id, current) };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.tokens;
}

interface RefreshRow {
  id: string;
  session_id: string;
  user_id: string;
  revoked: boolean;
  updated_at: Date;
}

/**
 * A rotated token's successor is derived from it with a server key, so the session's current token
 * can be handed out again without storing any token in plain text: follow the chain from the
 * presented token to the first descendant that is not revoked.
 */
async function currentDescendant(tx: TransactionSql, token: string, sessionId: string): Promise<string | null> {
  let candidate = token;
  for (let step = 0; step < MAX_ROTATIONS_FOLLOWED; step += 1) {
    candidate = childToken(candidate);
    const [row] = await tx<{ revoked: boolean }[]>`
      select revoked from auth.refresh_tokens where token = ${hashToken(candidate)} and session_id = ${sessionId}`;
    if (!row) return null;
    if (!row.revoked) return candidate;
  }
  return null;
}

function childToken(token: string): string {
  return createHmac('sha256', refreshDerivationKey()).update(token).digest('base64url').slice(0, 32);
}

let derivationKey: Buffer | undefined;

function refreshDerivationKey(): Buffer {
  // Bound to the signing key: whoever can derive successors could already sign access tokens.
  derivationKey ??= createHash('sha256').update('refresh-token-chain:').update(serverEnv().EMBEDDED_AUTH_SIGNING_KEY ?? '').digest();
  return derivationKey;
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

/** Supabase's updateUser: a password change, for a session that still exists. */
async function updateUser(request: Request, body: unknown) {
  const claims = await verifyAccessToken(request);
  const input = parse(updateUserSchema, body);
  const passwordHash = await hashPassword(input.password);
  return withDatabaseOwner(async (tx) => {
    const [session] = await tx`select 1 from auth.sessions where id = ${claims.session_id}`;
    if (!session) throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    const [user] = await tx<UserRow[]>`
      update auth.users set encrypted_password = ${passwordHash} where id = ${claims.sub} returning *`;
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

const USER_NOT_FOUND = () => new AuthError(404, 'user_not_found', 'User not found');

/** The admin API's user lookup (supabase-js reads the user before it deletes one). */
async function userAsAdmin(request: Request, id: string) {
  await verifyServiceRole(request);
  if (!z.uuid().safeParse(id).success) throw USER_NOT_FOUND();
  const [user] = await withDatabaseOwner((tx) => tx<UserRow[]>`select * from auth.users where id = ${id}`);
  if (!user) throw USER_NOT_FOUND();
  return userJson(user);
}

/**
 * The admin API's user deletion. Everything of the user's in public cascades from auth.users, and
 * so do their sessions and refresh tokens: the account can no longer sign in or refresh.
 */
async function deleteUserAsAdmin(request: Request, id: string): Promise<void> {
  await verifyServiceRole(request);
  if (!z.uuid().safeParse(id).success) throw USER_NOT_FOUND();
  const deleted = await withDatabaseOwner((tx) => tx`delete from auth.users where id = ${id} returning id`);
  if (deleted.length === 0) throw USER_NOT_FOUND();
}

const SERVICE_ROLE_TOKEN_TTL_SECONDS = 60;

/**
 * A short-lived token with role service_role for the admin API, standing in for Supabase's service
 * role key. Minted in-process for the server's own admin calls and never sent to a browser.
 */
export async function embeddedServiceRoleKey(): Promise<string> {
  const key = await signingKey();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'service_role' })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(issuer())
    .setIssuedAt(now)
    .setExpirationTime(now + SERVICE_ROLE_TOKEN_TTL_SECONDS)
    .sign(key.privateKey);
}

async function verifyServiceRole(request: Request): Promise<void> {
  const token = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a Bearer token');
  const key = await signingKey();
  const role = await jwtVerify(token, createLocalJWKSet({ keys: [key.publicJwk] }), { algorithms: [SIGNING_ALG], issuer: issuer() }).then(
    ({ payload }) => payload.role,
    () => null,
  );
  // A user's access token verifies too, but its role is authenticated.
  if (role !== 'service_role') throw new AuthError(403, 'not_admin', 'User not allowed');
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
  return issueTokens(tx, user, session!.id, { parent: null, token: randomBytes(24).toString('base64url') });
}

async function issueTokens(tx: TransactionSql, user: UserRow, sessionId: string, refresh: { parent: string | null; token: string }) {
  await tx`
    insert into auth.refresh_tokens (token, user_id, session_id, parent)
    values (${hashToken(refresh.token)}, ${user.id}, ${sessionId}, ${refresh.parent})`;
  return accessTokens(user, sessionId, refresh.token);
}

async function accessTokens(user: UserRow, sessionId: string, refreshToken: string) {
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
