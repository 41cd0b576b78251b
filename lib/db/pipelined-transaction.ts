import type { Queryable, Sql } from '@/lib/db/client';
import { getPool } from '@/lib/db/client';

/**
 * Runs fn in a transaction on a reserved connection, with `setup` (one simple-protocol statement
 * that sets the role and any claims) sent together with BEGIN and pipelined with fn's first query,
 * so the transaction costs no round trip of its own. Every setting in `setup` must be
 * transaction-local, so nothing survives on the pooled connection. If the setup fails, the
 * transaction is aborted and fn's queries fail with it: nothing runs without the role. The app's
 * pool unless a maintenance script passes its own connection.
 */
export async function pipelinedTransaction<T>(setup: string, fn: (tx: Queryable) => Promise<T>, pool: Sql = getPool()): Promise<T> {
  const connection = await pool.reserve();
  try {
    // Queued first on this connection, so it reaches the server before anything fn sends.
    const setupDone = connection
      .unsafe(`begin; ${setup}`)
      .simple()
      .then(
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
