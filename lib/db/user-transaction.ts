import type { Queryable } from '@/lib/db/client';
import { pipelinedTransaction } from '@/lib/db/pipelined-transaction';

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

/**
 * Runs fn in a transaction as the caller: role authenticated and the verified claims, exactly as
 * PostgREST does behind Supabase's API, so every Row Level Security policy applies. Both settings
 * are transaction-local, so nothing survives on the pooled connection.
 *
 * Round trips matter here (every user request pays them), so BEGIN and the two settings go out
 * as one message, pipelined with fn's first query (pipelinedTransaction). The claims travel
 * base64-encoded, so no character in them can end the SQL literal.
 */
export async function withUserTransaction<T>(claims: VerifiedClaims, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const encoded = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64');
  return pipelinedTransaction(
    `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', convert_from(decode('${encoded}', 'base64'), 'utf8'), true)`,
    fn,
  );
}
