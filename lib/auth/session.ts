import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { verifiedClaims } from '@/lib/auth/claims';
import { createSupabaseServerClient } from '@/lib/auth/supabase';
import type { VerifiedClaims } from '@/lib/db/user-transaction';

/** Supabase client for server components and server actions, on the request's cookies. */
export async function supabaseFromCookies() {
  const store = await cookies();
  return createSupabaseServerClient({
    getAll: () => store.getAll(),
    setAll: (list) => {
      try {
        for (const { name, value, options } of list) store.set(name, value, options);
      } catch {
        // Server components cannot set cookies; the proxy has already refreshed the session.
      }
    },
  });
}

/** The signed-in user's verified claims in a server component or action, or null. */
export async function currentClaims(): Promise<VerifiedClaims | null> {
  return verifiedClaims(await supabaseFromCookies());
}

/** For protected pages: the caller's claims, or a redirect to sign in and back. */
export async function requireClaims(returnPath: string): Promise<VerifiedClaims> {
  const claims = await currentClaims();
  if (!claims) redirect(`/signin?returnUrl=${encodeURIComponent(returnPath)}`);
  return claims;
}
