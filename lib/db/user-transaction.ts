import type { TransactionSql } from '@/lib/db/client';
import { getPool } from '@/lib/db/client';

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
 */
export async function withUserTransaction<T>(
  claims: VerifiedClaims,
  fn: (tx: TransactionSql) => Promise<T>,
): Promise<T> {
  const result = await getPool().begin(async (tx) => {
    await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
    return fn(tx);
  });
  return result as T;
}
