import { describe, expect, it } from 'vitest';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@/lib/api/database-errors';

function withCode(code: unknown, message = 'failure', cause?: unknown): Error {
  return Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    // postgres.js's own connection codes
    'CONNECT_TIMEOUT',
    'CONNECTION_CLOSED',
    'CONNECTION_ENDED',
    'CONNECTION_DESTROYED',
    // Node's socket and DNS errors
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EPIPE',
    // SQLSTATE: too many connections, shutdown and start-up
    '53300',
    '57P01',
    '57P02',
    '57P03',
    // SQLSTATE class 08: connection exceptions, any subclass of digits and capitals
    '08000',
    '08003',
    '08006',
    '08P01',
    '0800A',
    '0899Z',
  ])('%s means unavailable', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
  });

  it.each([
    // Faults in a query: a retry would fail the same way.
    '23505',
    '42P01',
    '22021',
    '57014',
    '53200',
    '57P04',
    // Near misses of class 08
    '0800',
    '080000',
    '08p01',
    '18000',
    'x08000',
    '08-00',
    // Near misses of the named codes
    'econnrefused',
    'CONNECTION',
    '',
  ])('%j is a query fault', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(false);
  });

  it('needs an Error with a string code', () => {
    expect(isDatabaseUnavailable(withCode(53300))).toBe(false);
    expect(isDatabaseUnavailable(withCode(undefined))).toBe(false);
    // Only a string counts, not a value that merely converts to a connection code.
    expect(isDatabaseUnavailable(withCode(['08006']))).toBe(false);
    expect(isDatabaseUnavailable(withCode({ toString: () => '08006' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('ECONNREFUSED'))).toBe(false);
    // A plain object is not an error a driver threw.
    expect(isDatabaseUnavailable({ code: 'ECONNREFUSED' })).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it('looks through up to four causes', () => {
    const wrap = (inner: unknown, times: number): unknown => (times === 0 ? inner : wrap(new Error('wrapped', { cause: inner }), times - 1));
    expect(isDatabaseUnavailable(wrap(withCode('ECONNRESET'), 1))).toBe(true);
    expect(isDatabaseUnavailable(wrap(withCode('57P01'), 4))).toBe(true);
    expect(isDatabaseUnavailable(wrap(withCode('57P01'), 5))).toBe(false);
    // A code on the outer error counts even when its cause is a query fault, and the other way round.
    expect(isDatabaseUnavailable(withCode('08006', 'outer', withCode('23505')))).toBe(true);
    expect(isDatabaseUnavailable(withCode('23505', 'outer', withCode('08006')))).toBe(true);
    // The chain stops at the first cause that is not an Error.
    expect(isDatabaseUnavailable(new Error('outer', { cause: { code: 'ECONNREFUSED', cause: withCode('ECONNREFUSED') } }))).toBe(false);
  });

  it('asks clients to retry after five seconds', () => {
    expect(DATABASE_RETRY_AFTER_SECONDS).toBe(5);
  });
});
