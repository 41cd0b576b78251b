import { createHash, randomInt } from 'node:crypto';

/**
 * Tokens are `vc_` and 40 base62 characters (about 238 bits). Only the SHA-256 of the whole
 * token is stored; a fast hash is right here, as the secret is random and long, not a password.
 * The visible prefix (`vc_` and 6 characters) tells tokens apart in a list.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_LENGTH = 40;
export const API_TOKEN_PATTERN = /^vc_[A-Za-z0-9]{40}$/;

export interface TokenSecret {
  token: string;
  prefix: string;
  hash: string;
}

/** SHA-256, hex: the only form the database keeps of any random secret (API, extension and invitation tokens). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newTokenSecret(): TokenSecret {
  let secret = '';
  for (let index = 0; index < SECRET_LENGTH; index += 1) secret += ALPHABET[randomInt(ALPHABET.length)];
  const token = `vc_${secret}`;
  return { token, prefix: token.slice(0, 9), hash: hashToken(token) };
}
