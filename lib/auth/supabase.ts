import { createServerClient, type CookieMethodsServer } from '@supabase/ssr';
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

export function createSupabaseServerClient(cookies: CookieMethodsServer) {
  const env = serverEnv();
  return createServerClient(env.supabaseUrl, env.supabaseAnonKey, {
    cookies,
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
