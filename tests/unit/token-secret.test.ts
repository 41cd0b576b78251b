import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { API_TOKEN_PATTERN, hashToken, newTokenSecret } from '@/lib/tokens/token-secret';

describe('newTokenSecret', () => {
  it('is vc_ and 40 base62 characters, with a 9-character visible prefix', () => {
    const secret = newTokenSecret();
    expect(secret.token).toMatch(/^vc_[A-Za-z0-9]{40}$/);
    expect(API_TOKEN_PATTERN.test(secret.token)).toBe(true);
    expect(secret.prefix).toBe(secret.token.slice(0, 9));
    expect(secret.prefix).toMatch(/^vc_[A-Za-z0-9]{6}$/);
  });

  it('stores the SHA-256 hex of the whole token, which does not contain the secret', () => {
    const secret = newTokenSecret();
    expect(secret.hash).toBe(createHash('sha256').update(secret.token).digest('hex'));
    expect(secret.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secret.hash).toBe(hashToken(secret.token));
    expect(secret.hash).not.toContain(secret.token.slice(3));
  });

  it('differs every time and uses the whole alphabet', () => {
    const tokens = Array.from({ length: 200 }, () => newTokenSecret().token);
    expect(new Set(tokens).size).toBe(tokens.length);
    const characters = new Set(tokens.join('').replaceAll('vc_', ''));
    // 8000 draws from 62 characters: every one appears (the chance one is missing is about 1e-54).
    expect(characters.size).toBe(62);
  });
});

describe('hashToken', () => {
  it('is a known SHA-256 and tells tokens one character apart', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken(`vc_${'a'.repeat(40)}`)).not.toBe(hashToken(`vc_${'a'.repeat(39)}b`));
  });
});

describe('API_TOKEN_PATTERN', () => {
  it.each(['vc_short', `vc_${'a'.repeat(41)}`, `vc_${'a'.repeat(39)}-`, `xx_${'a'.repeat(40)}`, ` vc_${'a'.repeat(40)}`])('refuses %s', (value) => {
    expect(API_TOKEN_PATTERN.test(value)).toBe(false);
  });
});
