import type { Queryable } from '@/lib/db/client';
import { pipelinedTransaction, type CommitInline, type CommitWith } from '@/lib/db/pipelined-transaction';

/** The verified JWT claims of the caller; only code that verified a token may build one. */
export interface VerifiedClaims {
  sub: string;
  role: string;
  email?: string;
  aud?: string | string[];
  exp?: number;
  session_id?: string;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  [claim: string]: unknown;
}

/** The claims request.jwt.claims carries; anything else in the token stays out of the database. */
export const DATABASE_CLAIMS = ['sub', 'role', 'email', 'aud', 'exp', 'session_id', 'aal', 'is_anonymous', 'token_id'] as const;

function databaseClaims(claims: VerifiedClaims): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const name of DATABASE_CLAIMS) if (claims[name] !== undefined) kept[name] = claims[name];
  return kept;
}

/**
 * Runs fn in a transaction as the caller: role authenticated and the verified claims, exactly as
 * PostgREST does behind Supabase's API, so every Row Level Security policy applies. Both settings
 * are transaction-local, so nothing survives on the pooled connection.
 *
 * Round trips matter here (every user request pays them), so BEGIN and the two settings go out
 * as one message, pipelined with fn's first query (pipelinedTransaction). The claims travel
 * base64-encoded, so no character in them can end the SQL literal.
 *
 * Only the claims the database reads are sent (DATABASE_CLAIMS: what auth.uid(), auth.role(),
 * auth.email() and our policies use, and what identifies the session or token). The metadata
 * objects are left out: user_metadata is the user's own to fill, so it could make every
 * statement of every request arbitrarily large, and a small setup shares one network write with
 * the transaction's first queries.
 */
export async function withUserTransaction<T>(
  claims: VerifiedClaims,
  fn: (tx: Queryable, commitWith: CommitWith, commitInline: CommitInline) => Promise<T>,
): Promise<T> {
  const encoded = Buffer.from(JSON.stringify(databaseClaims(claims)), 'utf8').toString('base64');
  return pipelinedTransaction(
    `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', convert_from(decode('${encoded}', 'base64'), 'utf8'), true)`,
    fn,
  );
}
