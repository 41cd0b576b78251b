import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 of an invitation token, hex: the only form the database keeps. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh token (32 random bytes, base64url: 43 characters) and its hash. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInvitationToken(token) };
}
