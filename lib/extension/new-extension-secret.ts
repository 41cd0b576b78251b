import { hashToken, newTokenSecret } from '@/lib/tokens/token-secret';

/**
 * A one-time code (`vcc_…`) or a refresh token (`vcr_…`): the same 40 random base62 characters as
 * an API token under a prefix of its own, so a secret pasted into the wrong place is refused by
 * its shape. Only the SHA-256 of the whole string is stored.
 */
export function newExtensionSecret(kind: 'code' | 'refresh'): { secret: string; hash: string } {
  const random = newTokenSecret().token.slice('vc_'.length);
  const secret = `${kind === 'code' ? 'vcc_' : 'vcr_'}${random}`;
  return { secret, hash: hashToken(secret) };
}
