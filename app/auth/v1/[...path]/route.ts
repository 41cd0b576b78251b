import { clientIp } from '@/lib/api/client-ip';
import { handleApiError, requestIdOf } from '@/lib/api/handler';
import { readBodyBytes } from '@/lib/api/parse';
import { enforceRateLimit } from '@/lib/api/rate-limit';
import { EMBEDDED_AUTH_MAX_BODY_BYTES, handleEmbeddedAuth } from '@/lib/auth/embedded/server';
import { signInLimitKey } from '@/lib/auth/sign-in-limit';
import { logger } from '@/lib/observability/logger';
import type { RateLimitPolicy } from '@/lib/rate-limit/policies';

// The embedded auth server (AUTH_MODE=embedded only; it answers 404 otherwise). Browser
// extensions and API clients use it as their Supabase Auth URL during local development. The
// app's own pages reach it in-process (lib/auth/supabase.ts), so only outside callers come here.
export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The email a password grant tries, read from a copy of the body within the auth server's size cap. */
async function emailOf(req: Request): Promise<unknown> {
  try {
    const bytes = await readBodyBytes(req.clone(), EMBEDDED_AUTH_MAX_BODY_BYTES, () => new Error('too large'));
    return (JSON.parse(bytes.toString('utf8')) as { email?: unknown } | null)?.email;
  } catch {
    // Unreadable or too large: the auth server refuses it; it still counts against the IP.
    return undefined;
  }
}

/** Password sign-ins count per IP and email, sign-ups per IP, everything else per IP. */
async function limitFor(req: Request, ip: string): Promise<[RateLimitPolicy, string]> {
  const { pathname, searchParams } = new URL(req.url);
  if (pathname === '/auth/v1/signup') return ['signUp', ip];
  if (pathname === '/auth/v1/token' && searchParams.get('grant_type') === 'password') {
    return ['signIn', signInLimitKey(ip, await emailOf(req))];
  }
  return ['public', ip];
}

async function serve(req: Request): Promise<Response> {
  const requestId = requestIdOf(req);
  let limitHeaders: Record<string, string>;
  try {
    const [policy, key] = await limitFor(req, clientIp(req.headers));
    limitHeaders = await enforceRateLimit(policy, key);
  } catch (error) {
    const refused = handleApiError(error, requestId, logger.child({ requestId }));
    // supabase-js reads Supabase Auth's error fields; the envelope stays for everyone else.
    const body = (await refused.json()) as { error: { code: string; message: string } };
    return new Response(JSON.stringify({ code: 'over_request_rate_limit', msg: body.error.message, ...body }), {
      status: refused.status,
      headers: refused.headers,
    });
  }
  const headers = new Headers(req.headers);
  headers.set('x-request-id', requestId);
  const response = await handleEmbeddedAuth(new Request(req, { headers }));
  for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
  return response;
}

export const GET = serve;
export const POST = serve;
export const PUT = serve;
export const PATCH = serve;
export const DELETE = serve;
