import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt with a per-user salt. The parameters are stored with each hash, so they can be raised:
 * a hash made with weaker ones still verifies, and needsRehash tells the sign-in to replace it.
 * N = 2^17, r = 8, p = 1 is OWASP's recommendation for scrypt (about 128 MiB a check).
 */

export const SCRYPT_N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
// scrypt needs 128 * N * r bytes; twice that leaves Node's headroom (it refuses parameters over maxmem).
const MAX_MEMORY = 2 * 128 * SCRYPT_N * R;
// Stored parameters are data: none above today's, so a corrupt row can neither ask for gigabytes
// nor exceed MAX_MEMORY (which would make the check throw instead of answer). Raising SCRYPT_N
// raises both.
const MAX_STORED_N = SCRYPT_N;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT_N, R, P);
  return `scrypt$${SCRYPT_N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

interface StoredHash {
  n: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parseStored(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash || rest.length > 0) return null;
  const parsed = { n: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isInteger(parsed.n) || parsed.n < 2 || parsed.n > MAX_STORED_N || (parsed.n & (parsed.n - 1)) !== 0) return null;
  if (parsed.r !== R || parsed.p !== P) return null;
  return { ...parsed, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.n, parsed.r, parsed.p);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** Whether a stored hash was made with weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored);
  return parsed === null || parsed.n < SCRYPT_N;
}

/** Spends the same time as a real check, so unknown emails cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  await derive(password, Buffer.alloc(16), SCRYPT_N, R, P);
}
