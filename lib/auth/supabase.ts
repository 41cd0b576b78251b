import { createServerClient, type CookieMethodsServer } from '@supabase/ssr';
import { createClient } from '@supabase/supabase-js';
import { SESSION_INACTIVITY_SECONDS } from '@/lib/auth/session-lifetime';
import { serverEnv } from '@/lib/env';

/**
 * Supabase clients for server code, split by where the cookies come from (proxy, route handler,
 * server component or action). In embedded mode the same clients talk to the app's own auth
 * server in-process: the fetch below hands /auth/v1 requests to it instead of the network.
 */

async function embeddedAuthFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  if (new URL(request.url).pathname.startsWith('/auth/v1/')) {
    const { handleEmbeddedAuth } = await import('@/lib/auth/embedded/server');
    return handleEmbeddedAuth(request);
  }
  return fetch(request);
}

/**
 * The session cookie as it should be, whatever @supabase/ssr proposes: HttpOnly (no browser code
 * reads it; the browser never talks to Supabase Auth directly), Secure in production, and alive
 * as long as the refresh token inside it (the library always asks for 400 days). Removals
 * (maxAge 0) stay removals.
 */
function hardenedCookies(cookies: CookieMethodsServer, secure: boolean): CookieMethodsServer {
  if (!cookies.setAll) return cookies;
  const setAll = cookies.setAll;
  return {
    ...cookies,
    setAll: (list, headers) =>
      setAll(
        list.map(({ name, value, options }) => ({
          name,
          value,
          options: {
            ...options,
            httpOnly: true,
            secure,
            sameSite: 'lax',
            maxAge: options.maxAge === 0 ? 0 : SESSION_INACTIVITY_SECONDS,
          },
        })),
        headers,
      ),
  };
}

export function createSupabaseServerClient(cookies: CookieMethodsServer) {
  const env = serverEnv();
  return createServerClient(env.supabaseUrl, env.supabaseAnonKey, {
    cookies: hardenedCookies(cookies, env.NODE_ENV === 'production'),
    global: env.AUTH_MODE === 'embedded' ? { fetch: embeddedAuthFetch } : {},
  });
}

let tokenClient: ReturnType<typeof createSupabaseServerClient> | undefined;

/**
 * For a bearer token (extension, API clients). It holds no session (getClaims is always given
 * the token), so one instance serves every request instead of building a client per call.
 */
export function supabaseTokenClient() {
  tokenClient ??= createSupabaseServerClient({ getAll: () => [], setAll: () => {} });
  return tokenClient;
}

/**
 * A client whose session lives only in memory, for a one-off check such as "is this the current
 * password?": the session it opens never reaches a cookie, and signOut() ends it on the server.
 */
export function createStatelessAuthClient() {
  const env = serverEnv();
  return createClient(env.supabaseUrl, env.supabaseAnonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: env.AUTH_MODE === 'embedded' ? { fetch: embeddedAuthFetch } : {},
  });
}

/**
 * Supabase Auth's admin API (auth.admin.*) with the service role key; in embedded mode, with a
 * short-lived service-role token the embedded auth server accepts. Null when Supabase Auth is
 * used without SUPABASE_SERVICE_ROLE_KEY: callers refuse the action rather than skip a step.
 */
export async function createAdminAuthClient() {
  const env = serverEnv();
  let key: string | undefined = env.SUPABASE_SERVICE_ROLE_KEY;
  if (env.AUTH_MODE === 'embedded') {
    const { embeddedServiceRoleKey } = await import('@/lib/auth/embedded/server');
    key = await embeddedServiceRoleKey();
  }
  if (!key) return null;
  return createClient(env.supabaseUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: env.AUTH_MODE === 'embedded' ? { fetch: embeddedAuthFetch } : {},
  });
}
