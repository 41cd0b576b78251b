import { describe, expect, it } from 'vitest';
import { ACCEPTED_JWT_ALGORITHMS, isWellFormedJwt } from '@/lib/auth/jwt-shape';

const raw = (text: string) => Buffer.from(text).toString('base64url');
const encode = (value: unknown) => raw(JSON.stringify(value));
// Every character class edge of base64url, so a narrowed alphabet would refuse it.
const SIGNATURE = 'AZaz09_-';
const HEADER = { alg: 'ES256', typ: 'JWT', kid: 'key-1' };
const PAYLOAD = { sub: '00000000-0000-4000-8000-000000000000', role: 'authenticated', exp: 1_900_000_000 };

function token(header: unknown = HEADER, payload: unknown = PAYLOAD, signature = SIGNATURE): string {
  return `${encode(header)}.${encode(payload)}.${signature}`;
}

describe('isWellFormedJwt', () => {
  it('accepts a token of the expected shape', () => {
    expect(isWellFormedJwt(token())).toBe(true);
    expect(isWellFormedJwt(token({ alg: 'ES256' }, {}))).toBe(true);
  });

  it('accepts exactly the algorithms Supabase issues', () => {
    expect(ACCEPTED_JWT_ALGORITHMS).toEqual(['ES256', 'RS256', 'HS256']);
    for (const alg of ACCEPTED_JWT_ALGORITHMS) expect(isWellFormedJwt(token({ alg }))).toBe(true);
    for (const alg of ['none', 'None', 'es256', 'HS512', 'RS512', 'PS256', 'EdDSA', '']) expect(isWellFormedJwt(token({ alg }))).toBe(false);
  });

  it.each([
    ['no alg', { typ: 'JWT' }],
    ['a numeric alg', { alg: 256 }],
    ['an alg array', { alg: ['ES256'] }],
    ['a numeric kid', { alg: 'ES256', kid: 1 }],
    ['a null kid', { alg: 'ES256', kid: null }],
    ['an object kid', { alg: 'ES256', kid: {} }],
    ['a JSON null header', null],
    ['a JSON array header', ['ES256']],
    ['a JSON string header', 'ES256'],
    ['a JSON number header', 1],
  ])('refuses %s', (_name, header) => {
    expect(isWellFormedJwt(token(header))).toBe(false);
  });

  it('refuses a header that is not JSON or not base64url', () => {
    expect(isWellFormedJwt(`${raw('{"alg":"ES256"')}.${encode(PAYLOAD)}.${SIGNATURE}`)).toBe(false);
    expect(isWellFormedJwt(`${raw('not json')}.${encode(PAYLOAD)}.${SIGNATURE}`)).toBe(false);
    // Padding and the +/ alphabet are base64, not base64url, even though Node would decode them.
    const padded = Buffer.from(JSON.stringify({ alg: 'ES256', x: 'a' })).toString('base64');
    expect(padded.endsWith('=')).toBe(true);
    expect(Buffer.from(padded, 'base64url').toString()).toBe('{"alg":"ES256","x":"a"}');
    expect(isWellFormedJwt(`${padded}.${encode(PAYLOAD)}.${SIGNATURE}`)).toBe(false);
    expect(isWellFormedJwt(`=${encode(HEADER)}.${encode(PAYLOAD)}.${SIGNATURE}`)).toBe(false);
    expect(isWellFormedJwt(`.${encode(PAYLOAD)}.${SIGNATURE}`)).toBe(false);
  });

  it('refuses a payload that is not a JSON object', () => {
    for (const payload of [null, [1], 'text', 42]) expect(isWellFormedJwt(token(HEADER, payload))).toBe(false);
    expect(isWellFormedJwt(`${encode(HEADER)}.${raw('{')}.${SIGNATURE}`)).toBe(false);
    expect(isWellFormedJwt(`${encode(HEADER)}.${encode(PAYLOAD)}=.${SIGNATURE}`)).toBe(false);
    expect(isWellFormedJwt(`${encode(HEADER)}..${SIGNATURE}`)).toBe(false);
  });

  it.each(['', '+abc', 'abc+', 'ab/c', 'abc=', 'a b'])('refuses the signature %j', (signature) => {
    expect(isWellFormedJwt(token(HEADER, PAYLOAD, signature))).toBe(false);
  });

  it('refuses any number of parts but three', () => {
    const parts = [encode(HEADER), encode(PAYLOAD), SIGNATURE];
    expect(isWellFormedJwt(parts.slice(0, 2).join('.'))).toBe(false);
    expect(isWellFormedJwt([...parts, SIGNATURE].join('.'))).toBe(false);
    expect(isWellFormedJwt(parts[0])).toBe(false);
  });

  it('accepts up to 8192 characters', () => {
    // The signature is the last part, so lengthening it reaches any total length.
    const exact = token(HEADER, PAYLOAD, SIGNATURE.padEnd(8192 - token().length + SIGNATURE.length, 'A'));
    expect(exact).toHaveLength(8192);
    expect(isWellFormedJwt(exact)).toBe(true);
    expect(isWellFormedJwt(`${exact}A`)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['a.b.c']]) expect(isWellFormedJwt(value)).toBe(false);
  });
});
