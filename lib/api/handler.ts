import { timingSafeEqual } from 'node:crypto';
import * as Sentry from '@sentry/nextjs';
import { serializeCookieHeader, type CookieOptions } from '@supabase/ssr';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { verifiedClaims, verifiedTokenClaims } from '@/lib/auth/claims';
import { isAdmin } from '@/lib/auth/is-admin';
import { createSupabaseServerClient, supabaseTokenClient } from '@/lib/auth/supabase';
import type { Queryable } from '@/lib/db/client';
import type { CommitInline, CommitWith } from '@/lib/db/pipelined-transaction';
import { withUserTransaction, type VerifiedClaims } from '@/lib/db/user-transaction';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@/lib/api/database-errors';
import { clientIp } from '@/lib/api/client-ip';
import { ApiError, errorBody } from '@/lib/api/errors';
import { enforceRateLimit } from '@/lib/api/rate-limit';
import { serverEnv } from '@/lib/env';
import { logger, type Logger } from '@/lib/observability/logger';
import type { RateLimitPolicy } from '@/lib/rate-limit/policies';
import { resolveApiToken, type ResolvedToken } from '@/lib/tokens/resolve-api-token';
import type { TokenScope } from '@/lib/tokens/scopes';

/**
 * One wrapper per trust boundary. Each resolves who is calling before any query runs, gives the
 * handler a request id and logger, and sends every failure through handleApiError, so all
 * responses carry X-Request-ID and every error has the same envelope.
 */

const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestContext<Params> {
  req: NextRequest;
  params: Params;
  requestId: string;
  log: Logger;
}

export interface UserContext<Params> extends RequestContext<Params> {
  claims: VerifiedClaims;
  userId: string;
  /** The API token the request came with (its scope already checked), or null for a session. */
  token: ResolvedToken | null;
  /**
   * Runs queries as the caller, with Row Level Security applied, in one transaction; fn may end it
   * with its last statement (see pipelinedTransaction).
   */
  db: <T>(fn: (tx: Queryable, commitWith: CommitWith, commitInline: CommitInline) => Promise<T>) => Promise<T>;
}

type RouteSegment<Params> = { params: Promise<Params> };
type Handler<Ctx> = (ctx: Ctx) => Promise<Response> | Response;
export type RouteHandler<Params> = (req: NextRequest, segment: RouteSegment<Params>) => Promise<Response>;

export function requestIdOf(req: Request): string {
  const incoming = req.headers.get(REQUEST_ID_HEADER);
  return incoming && VALID_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** Parses the output too, so columns a handler did not mean to expose never leave. */
export function respond<S extends z.ZodType>(schema: S, data: z.input<S>, init?: ResponseInit): Response {
  return jsonResponse(schema.parse(data), init);
}

export function handleApiError(error: unknown, requestId: string, log: Logger): Response {
  if (error instanceof ApiError) {
    if (error.status >= 500) log.error({ err: error }, error.message);
    return jsonResponse(errorBody(error, requestId), { status: error.status, headers: error.headers });
  }
  if (isDatabaseUnavailable(error)) {
    log.warn({ err: error }, 'database unavailable');
    return jsonResponse(errorBody(new ApiError('service_unavailable', 'The service is briefly unavailable. Try again in a few seconds.'), requestId), {
      status: 503,
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
    });
  }
  log.error({ err: error }, 'unhandled error');
  Sentry.captureException(error, { tags: { request_id: requestId } });
  return jsonResponse(errorBody(new ApiError('internal_error', 'Something went wrong. Quote the request id if you contact support.'), requestId), {
    status: 500,
  });
}

function finish(response: Response, requestId: string, log: Logger, req: NextRequest, started: number): Response {
  response.headers.set(REQUEST_ID_HEADER, requestId);
  const status = response.status;
  log[status >= 500 ? 'error' : 'info'](
    { method: req.method, path: req.nextUrl.pathname, status, durationMs: Math.round(performance.now() - started) },
    'request',
  );
  return response;
}

function withHeaders(response: Response, headers: Record<string, string> | undefined): Response {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}

/**
 * No caller identity: health, the auth endpoints, unknown paths. Rate-limited per IP (the
 * `public` budget) unless told otherwise: signed webhooks and the cron are exempt (`false`), and
 * withUser limits per user instead.
 */
export function withPublic<Params = Record<string, never>>(
  handler: Handler<RequestContext<Params>>,
  options: { rateLimit?: RateLimitPolicy | false } = {},
): RouteHandler<Params> {
  const policy = options.rateLimit ?? 'public';
  return async (req, segment) => {
    const started = performance.now();
    const requestId = requestIdOf(req);
    const log = logger.child({ requestId });
    let response: Response;
    let limitHeaders: Record<string, string> | undefined;
    try {
      if (policy) limitHeaders = await enforceRateLimit(policy, clientIp(req.headers));
      response = await handler({ req, params: await segment.params, requestId, log });
    } catch (error) {
      response = handleApiError(error, requestId, log);
    }
    return finish(withHeaders(response, limitHeaders), requestId, log, req, started);
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookies go with every request a browser makes, including those another site's page triggers
 * (a form, a `text/plain` fetch that needs no preflight). A state-changing request authenticated
 * by the session cookie must therefore come from this site: Sec-Fetch-Site when the browser sends
 * it, otherwise Origin. A request with neither is not from a browser page and carries no
 * ambient authority worth forging. Bearer tokens are never sent automatically, so they are exempt.
 */
function refuseCrossSite(req: NextRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const fetchSite = req.headers.get('sec-fetch-site');
  if (fetchSite !== null) {
    if (fetchSite === 'same-origin' || fetchSite === 'none') return;
    throw new ApiError('forbidden', 'Cross-site requests cannot use your session. Call the API from this site, or with a bearer token.');
  }
  const origin = req.headers.get('origin');
  if (origin === null) return;
  const allowed = new Set([req.nextUrl.origin, new URL(serverEnv().siteUrl).origin]);
  if (!allowed.has(origin)) {
    throw new ApiError('forbidden', 'Cross-site requests cannot use your session. Call the API from this site, or with a bearer token.');
  }
}

interface PendingCookie {
  name: string;
  value: string;
  options: CookieOptions;
}

interface Caller {
  claims: VerifiedClaims;
  /** Set when the request carried a `vc_…` API token rather than a session. */
  token: ResolvedToken | null;
}

async function authenticate(req: NextRequest, pendingCookies: PendingCookie[]): Promise<Caller> {
  const authorization = req.headers.get('authorization');
  if (authorization) {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(authorization)?.[1];
    if (!token) throw new ApiError('unauthorized', 'The Authorization header must be "Bearer <access token>".');
    if (token.startsWith('vc_')) {
      const resolved = await resolveApiToken(token);
      if (!resolved) throw new ApiError('unauthorized', 'This API token is unknown, revoked or expired. Make a new one under Settings → API tokens.');
      // The owner, as the database sees them: every policy applies exactly as to their session.
      const claims: VerifiedClaims = { sub: resolved.userId, role: 'authenticated', ...(resolved.email ? { email: resolved.email } : {}), token_id: resolved.tokenId };
      return { claims, token: resolved };
    }
    const claims = await verifiedTokenClaims(supabaseTokenClient(), token);
    if (!claims) throw new ApiError('unauthorized', 'The access token is invalid or has expired. Sign in again.');
    return { claims, token: null };
  }
  refuseCrossSite(req);
  const supabase = createSupabaseServerClient({
    getAll: () => req.cookies.getAll(),
    // A refreshed session is written back on the response.
    setAll: (cookies) => {
      pendingCookies.push(...cookies);
    },
  });
  const claims = await verifiedClaims(supabase);
  if (!claims) throw new ApiError('unauthorized', 'Sign in to continue.');
  return { claims, token: null };
}

/** An API token reaches only routes that name a scope it holds, and never an administrator's. */
function checkTokenScope(token: ResolvedToken, options: UserOptions): void {
  if (options.requireAdmin) throw new ApiError('forbidden', 'API tokens cannot be used for administration. Sign in on the site instead.');
  if (!options.scope) throw new ApiError('forbidden', 'API tokens cannot be used on this endpoint. Sign in on the site instead.');
  if (!token.scopes.includes(options.scope)) {
    throw new ApiError('forbidden', `This token lacks the "${options.scope}" scope. Make a token with it under Settings → API tokens.`);
  }
}

function userContext<Params>(base: RequestContext<Params>, { claims, token }: Caller): UserContext<Params> {
  return {
    ...base,
    log: base.log.child(token ? { userId: claims.sub, tokenId: token.tokenId } : { userId: claims.sub }),
    claims,
    token,
    userId: claims.sub,
    db: (fn) => withUserTransaction(claims, fn),
  };
}

export interface UserOptions {
  requireAdmin?: boolean;
  /** The per-user budget; by default `reads` for GET and HEAD, `writes` otherwise. */
  rateLimit?: RateLimitPolicy;
  /** The scope an API token needs here; without one, API tokens are refused (403). */
  scope?: TokenScope;
}

/**
 * A signed-in user (session cookie, Supabase access token, or a `vc_…` API token whose scope the
 * route names). Every query runs under RLS as that user, and requests count against that user's
 * rate-limit budget for the route group.
 */
export function withUser<Params = Record<string, never>>(handler: Handler<UserContext<Params>>, options: UserOptions = {}): RouteHandler<Params> {
  return withPublic<Params>(
    async (base) => {
      const pendingCookies: PendingCookie[] = [];
      let response: Response;
      let ctx: UserContext<Params> | undefined;
      try {
        const caller = await authenticate(base.req, pendingCookies);
        ctx = userContext(base, caller);
        if (caller.token) checkTokenScope(caller.token, options);
        const policy = options.rateLimit ?? (SAFE_METHODS.has(base.req.method) ? 'reads' : 'writes');
        // A token counts against its owner's budget, as their session does.
        const limitHeaders = await enforceRateLimit(policy, `user:${caller.claims.sub}`);
        if (options.requireAdmin) {
          if (!(await ctx.db(isAdmin))) throw new ApiError('not_found', 'There is no API endpoint at this path. See the API table in the README.');
        }
        response = withHeaders(await handler(ctx), limitHeaders);
      } catch (error) {
        response = handleApiError(error, base.requestId, ctx?.log ?? base.log);
      }
      // A refreshed session goes back even with an error, or the browser would keep a spent token;
      // but a cookie the handler set itself (a sign-out after deleting the account) has the last word.
      const setByHandler = new Set(response.headers.getSetCookie().map((cookie) => cookie.slice(0, cookie.indexOf('='))));
      for (const { name, value, options: cookieOptions } of pendingCookies) {
        if (!setByHandler.has(name)) response.headers.append('set-cookie', serializeCookieHeader(name, value, cookieOptions));
      }
      return response;
    },
    { rateLimit: false },
  );
}

/** A signed-in administrator. */
export function withAdmin<Params = Record<string, never>>(handler: Handler<UserContext<Params>>): RouteHandler<Params> {
  return withUser(handler, { requireAdmin: true });
}

/**
 * A scheduled job (Vercel Cron sends `Authorization: Bearer $CRON_SECRET`). Without a configured
 * secret the route refuses everyone rather than running unauthenticated.
 */
export function withCron<Params = Record<string, never>>(handler: Handler<RequestContext<Params>>): RouteHandler<Params> {
  // Exempt from rate limits: the secret is the gate, and the scheduler must never be turned away.
  return withPublic<Params>(async (ctx) => {
    const secret = serverEnv().CRON_SECRET;
    if (!secret) throw new ApiError('service_unavailable', 'CRON_SECRET is not configured, so scheduled jobs are disabled.');
    const given = Buffer.from(ctx.req.headers.get('authorization') ?? '');
    const expected = Buffer.from(`Bearer ${secret}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ApiError('unauthorized', 'This endpoint is for the scheduler.');
    }
    return handler(ctx);
  }, { rateLimit: false });
}
