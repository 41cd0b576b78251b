import { createHash } from 'node:crypto';

/** The S256 code challenge of a PKCE verifier: base64url(SHA-256(verifier)), unpadded (RFC 7636, 4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
