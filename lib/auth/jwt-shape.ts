/**
 * A structural check of a JWT before any library parses it: three base64url parts, a header and a
 * payload that are JSON objects, and a signing algorithm Supabase issues. supabase-js throws plain
 * errors (not AuthErrors) on a header that is not JSON or is `null`, and on some algorithms; a
 * token that fails here is simply not a session, whoever sent it.
 */

// ES256 and RS256: Supabase's asymmetric signing keys (and the embedded auth server); HS256: a
// project still on the legacy shared secret, which supabase-js verifies through the auth server.
export const ACCEPTED_JWT_ALGORITHMS: readonly string[] = ['ES256', 'RS256', 'HS256'];

const MAX_TOKEN_LENGTH = 8192;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeObject(part: string): Record<string, unknown> | null {
  if (!BASE64URL.test(part)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    // Equivalent mutant: an empty catch block changes nothing, because value is then undefined,
    // which the object test below refuses.
    return null;
  }
  // Equivalent mutant: `value !== null` → true changes nothing, because the value returned for null is null.
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function isWellFormedJwt(token: unknown): token is string {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return false;
  const parts = token.split('.');
  if (parts.length !== 3 || !BASE64URL.test(parts[2]!)) return false;
  const header = decodeObject(parts[0]!);
  // Equivalent mutant: dropping `typeof header.alg !== 'string'` changes nothing, because the list
  // holds only strings, so includes() refuses any other alg anyway.
  if (!header || typeof header.alg !== 'string' || !ACCEPTED_JWT_ALGORITHMS.includes(header.alg)) return false;
  if (header.kid !== undefined && typeof header.kid !== 'string') return false;
  return decodeObject(parts[1]!) !== null;
}
