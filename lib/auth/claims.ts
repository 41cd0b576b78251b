import { z } from 'zod';
import type { VerifiedClaims } from '@/lib/db/user-transaction';
import { isWellFormedJwt } from '@/lib/auth/jwt-shape';
import { serverEnv } from '@/lib/env';
import { logger } from '@/lib/observability/logger';

type SupabaseClient = ReturnType<typeof import('@/lib/auth/supabase').createSupabaseServerClient>;

const claimsSchema = z
  .object({
    sub: z.uuid(),
    role: z.literal('authenticated'),
    aud: z.union([z.string(), z.array(z.string())]),
    iss: z.string().optional(),
    exp: z.number(),
    email: z.string().optional(),
    session_id: z.string().optional(),
    app_metadata: z.record(z.string(), z.unknown()).optional(),
    user_metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/**
 * Claims of the caller, verified by supabase-js (signature checked against the project's JWKS,
 * expiry checked), or null. With no token, supabase-js reads the session cookie and refreshes it
 * if it has expired. getSession() alone is never trusted on the server.
 *
 * Never throws for what the caller sent: a malformed bearer token is refused before supabase-js
 * sees it, and a malformed session cookie (which supabase-js reads itself) makes it throw, which
 * here means "signed out" — otherwise one bad cookie would lock its owner out of every page,
 * /signin included.
 */
export async function verifiedClaims(supabase: SupabaseClient, token?: string): Promise<VerifiedClaims | null> {
  if (token !== undefined && !isWellFormedJwt(token)) return null;
  let result: Awaited<ReturnType<SupabaseClient['auth']['getClaims']>>;
  try {
    result = await supabase.auth.getClaims(token);
  } catch (error) {
    logger.warn({ err: error }, 'unreadable session token treated as signed out');
    return null;
  }
  const { data, error } = result;
  if (error || !data?.claims) return null;
  const parsed = claimsSchema.safeParse(data.claims);
  if (!parsed.success) return null;
  const claims = parsed.data;
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes('authenticated')) return null;
  if (claims.iss !== undefined && claims.iss !== `${serverEnv().supabaseUrl}/auth/v1`) return null;
  return claims as VerifiedClaims;
}

// Verified bearer tokens, kept until they expire. A token's signature and claims never change, so
// a repeat caller skips the signature check; the key is the whole token, so a forged or altered
// token can never match an entry. Insertion order makes the oldest entry the first evicted.
const TOKEN_CACHE_MAX = 1000;
const tokenCache = new Map<string, VerifiedClaims>();

/** verifiedClaims for a bearer token, memoised per token until its exp claim passes. */
export async function verifiedTokenClaims(supabase: SupabaseClient, token: string): Promise<VerifiedClaims | null> {
  const nowSeconds = Date.now() / 1000;
  const cached = tokenCache.get(token);
  if (cached) {
    if ((cached.exp ?? 0) > nowSeconds) return cached;
    tokenCache.delete(token);
  }
  const claims = await verifiedClaims(supabase, token);
  if (claims) {
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.delete(tokenCache.keys().next().value!);
    tokenCache.set(token, claims);
  }
  return claims;
}
