import { createHash } from 'node:crypto';

/** SHA-256 of an invitation token, hex: the only form the database keeps. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
