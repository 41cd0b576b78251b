/**
 * Whether an error means the database could not be reached or is refusing work for now (a
 * restart, a failover, a full pooler), as opposed to a fault in a query. Those are answered
 * 503 with Retry-After: the request can be sent again as it is.
 */

// postgres.js's own codes, and Node's socket errors it passes through.
const CLIENT_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

// SQLSTATE: 08 connection exception, 53300 too many connections, 57P01–57P03 shutdown or start-up.
const SERVER_CODES = new Set(['53300', '57P01', '57P02', '57P03']);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CLIENT_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  }
  return false;
}

export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** SQLSTATE 23503: a row refers to one that does not exist (or no longer does). */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === '23503';
}

/** SQLSTATE 23505: a unique index already holds the key. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === '23505';
}
