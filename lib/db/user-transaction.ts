import type { Queryable } from '@/lib/db/client';
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
 *
 * Round trips matter here (every user request pays them), so BEGIN and the two settings go out
 * as one simple-protocol message, pipelined with fn's first query on the same connection. The
 * claims travel base64-encoded, so no character in them can end the SQL literal. If the setup
 * fails, the transaction is aborted and fn's queries fail with it; nothing runs without the role.
 */
export async function withUserTransaction<T>(claims: VerifiedClaims, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const connection = await getPool().reserve();
  const encoded = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64');
  try {
    const setup = connection
      .unsafe(
        `begin; select set_config('role', 'authenticated', true), set_config('request.jwt.claims', convert_from(decode('${encoded}', 'base64'), 'utf8'), true)`,
      )
      .simple();
    // Queued first on this connection, so it reaches the server before anything fn sends.
    const setupDone = setup.then(
      () => null,
      (error: unknown) => error,
    );
    let result: T;
    try {
      result = await fn(connection);
    } catch (error) {
      throw (await setupDone) ?? error;
    }
    const setupError = await setupDone;
    if (setupError) throw setupError;
    await connection`commit`;
    return result;
  } catch (error) {
    await connection.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}
