import { serializeCookieHeader, type CookieOptions } from '@supabase/ssr';
import type { NextRequest } from 'next/server';
import type { User } from '@supabase/supabase-js';
import { createSupabaseServerClient, supabaseTokenClient } from '@/lib/auth/supabase';

/**
 * The request's session as the auth server sees it, for sensitive actions. Route wrappers verify
 * tokens locally, and a token outlives a sign-out elsewhere until it expires; asking the auth
 * server (getUser) tells whether the session still exists. Works for the session cookie and for a
 * bearer token; ending the session clears the cookie on the response.
 */
export function authServerSession(req: NextRequest) {
  const token = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1];
  const cookies: { name: string; value: string; options: CookieOptions }[] = [];
  const client = token
    ? supabaseTokenClient()
    : createSupabaseServerClient({
        getAll: () => req.cookies.getAll(),
        setAll: (list) => {
          cookies.push(...list);
        },
      });
  return {
    /** The session's user, or null when the session has ended (or the auth server cannot say). */
    async currentUser(): Promise<User | null> {
      const { data, error } = await client.auth.getUser(token).catch(() => ({ data: { user: null }, error: true }));
      return error ? null : data.user;
    },
    /** Signs this browser out: its session cookie is removed. A bearer token has nothing to clear. */
    async signOutHere(): Promise<void> {
      if (!token) await client.auth.signOut({ scope: 'local' });
    },
    /** Adds the cookie changes to the response: the last one for each cookie (a refresh, then a sign-out). */
    withCookies(response: Response): Response {
      const last = new Map(cookies.map((cookie) => [cookie.name, cookie]));
      for (const { name, value, options } of last.values()) response.headers.append('set-cookie', serializeCookieHeader(name, value, options));
      return response;
    },
  };
}

export type AuthServerSession = ReturnType<typeof authServerSession>;
