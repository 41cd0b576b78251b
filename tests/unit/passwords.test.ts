import { scryptSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCRYPT_N, burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from '@/lib/auth/embedded/passwords';

/**
 * Real hashes cost ~0.5 s each at N = 2^17, so only a handful are made. Everything else about
 * the stored format is checked on hashes built here with a tiny N, which verifyPassword accepts
 * (the parameters are stored with each hash) and needsRehash flags.
 */
const SALT = Buffer.from('0123456789abcdef');

function stored({ password = 'hunter22', n = 16, r = 8, p = 1, salt = SALT, keyLength = 32 } = {}): string {
  const key = scryptSync(password.normalize('NFKC'), salt, keyLength, { N: n, r, p });
  return `scrypt$${n}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

describe('hashPassword and verifyPassword', () => {
  let hash: string;

  beforeAll(async () => {
    hash = await hashPassword('correct horse');
  });

  it('stores scheme, parameters, a 16-byte salt and a 32-byte key', () => {
    expect(SCRYPT_N).toBe(2 ** 17);
    const match = /^scrypt\$131072\$8\$1\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(hash);
    expect(match).not.toBeNull();
    expect(Buffer.from(match![1]!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(match![2]!, 'base64url')).toHaveLength(32);
    expect(needsRehash(hash)).toBe(false);
  });

  it('verifies the password it was made from, and no other', async () => {
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horsf', hash)).toBe(false);
  });

  it('uses a fresh salt for every hash', async () => {
    const again = await hashPassword('correct horse');
    expect(again).not.toBe(hash);
    expect(again.split('$')[4]).not.toBe(hash.split('$')[4]);
  });

  it('spends about as long on an unknown account as on a real check', async () => {
    let started = performance.now();
    await verifyPassword('unknown', hash);
    const verifyMs = performance.now() - started;
    started = performance.now();
    await expect(burnPasswordCheck('whatever')).resolves.toBeUndefined();
    const burnMs = performance.now() - started;
    // A generous margin against a busy machine; skipping the work would take well under a millisecond.
    expect(burnMs).toBeGreaterThan(verifyMs / 4);
  });
});

describe('verifyPassword on stored hashes', () => {
  it('verifies hashes made with other (weaker) parameters', async () => {
    expect(await verifyPassword('hunter22', stored())).toBe(true);
    expect(await verifyPassword('hunter23', stored())).toBe(false);
    expect(await verifyPassword('hunter22', stored({ n: 2 }))).toBe(true);
    expect(await verifyPassword('hunter22', stored({ n: 1024 }))).toBe(true);
  });

  it('compares passwords after NFKC normalisation', async () => {
    // U+FB01 (the "fi" ligature) and "fi" are one password; so are a composed and a decomposed é.
    expect(await verifyPassword('\uFB01ne-password', stored({ password: 'fine-password' }))).toBe(true);
    expect(await verifyPassword('caf\u0065\u0301-latte', stored({ password: 'caf\u00e9-latte' }))).toBe(true);
    expect(await verifyPassword('fine-password', stored({ password: 'fine-passw0rd' }))).toBe(false);
  });

  it('refuses a stored key of another length instead of throwing', async () => {
    expect(await verifyPassword('hunter22', stored({ keyLength: 16 }))).toBe(false);
    expect(await verifyPassword('hunter22', stored({ keyLength: 64 }))).toBe(false);
  });

  it.each([
    ['another scheme', stored().replace(/^scrypt/, 'bcrypt')],
    ['no scheme', stored().replace(/^scrypt/, '')],
    ['a missing N', stored().replace('$16$', '$$')],
    ['a missing r', stored().replace('$8$', '$$')],
    ['a missing p', stored().replace('$8$1$', '$8$$')],
    ['a missing salt', stored().replace(/\$[^$]+(\$[^$]+)$/, '$$$1')],
    ['a missing key', stored().replace(/\$[^$]+$/, '$')],
    ['an extra field', `${stored()}$extra`],
    ['an empty extra field', `${stored()}$`],
    ['too few fields', 'scrypt$16$8$1'],
    ['an empty string', ''],
    ['N = 1', stored().replace('$16$', '$1$')],
    ['N = 0', stored().replace('$16$', '$0$')],
    ['N = -16', stored().replace('$16$', '$-16$')],
    ['N not a power of two', stored().replace('$16$', '$24$')],
    ['N not an integer', stored().replace('$16$', '$16.5$')],
    ['N not a number', stored().replace('$16$', '$abc$')],
    ['N = Infinity', stored().replace('$16$', '$Infinity$')],
    ['N above today\'s 2^17 (scrypt would exceed its memory bound and throw)', stored().replace('$16$', `$${2 ** 18}$`)],
    ['another r', stored({ r: 4 })],
    ['another p', stored({ p: 2 })],
  ])('refuses %s without deriving anything', async (_name, value) => {
    // Each of these would make scrypt throw, or would be a valid hash for parameters not allowed.
    expect(await verifyPassword('hunter22', value)).toBe(false);
  });
});

describe('needsRehash', () => {
  it.each([
    ['the current parameters', `scrypt$${2 ** 17}$8$1$c2FsdA$a2V5`, false],
    ['N above the bound (unreadable)', `scrypt$${2 ** 18}$8$1$c2FsdA$a2V5`, true],
    ['a weaker N', `scrypt$${2 ** 16}$8$1$c2FsdA$a2V5`, true],
    ['N = 2', 'scrypt$2$8$1$c2FsdA$a2V5', true],
    // Anything unreadable is replaced at the next successful sign-in too.
    ['N not a power of two', `scrypt$${2 ** 17 + 2 ** 16}$8$1$c2FsdA$a2V5`, true],
    ['N not an integer', `scrypt$${2 ** 17}.5$8$1$c2FsdA$a2V5`, true],
    ['another scheme', `argon2$${2 ** 17}$8$1$c2FsdA$a2V5`, true],
    ['another r', `scrypt$${2 ** 17}$16$1$c2FsdA$a2V5`, true],
    ['another p', `scrypt$${2 ** 17}$8$2$c2FsdA$a2V5`, true],
    ['a missing key', `scrypt$${2 ** 17}$8$1$c2FsdA$`, true],
    ['a missing salt', `scrypt$${2 ** 17}$8$1$$a2V5`, true],
    ['an extra field', `scrypt$${2 ** 17}$8$1$c2FsdA$a2V5$x`, true],
    ['garbage', 'not a hash', true],
  ])('%s → %s', (_name, value, expected) => {
    expect(needsRehash(value)).toBe(expected);
  });
});
