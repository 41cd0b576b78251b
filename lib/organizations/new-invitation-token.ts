import { randomBytes } from 'node:crypto';
import { hashToken } from '@/lib/tokens/token-secret';

/** A fresh invitation token (32 random bytes, base64url: 43 characters) and its hash. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
