import type { MaybeRow, PendingQuery } from 'postgres';
import type { Queryable, Sql } from '@/lib/db/client';
import { getPool } from '@/lib/db/client';

/**
 * Sends a statement and COMMIT together (one round trip) and answers the statement's rows; the
 * transaction ends with it. If the statement fails, PostgreSQL turns that COMMIT into a
 * rollback, and the statement's error is thrown. The statement must be built, not sent, by
 * `statement` (a postgres.js query is sent when executed), so that it goes out just before COMMIT.
 */
export type CommitWith = <R extends readonly MaybeRow[]>(statement: (tx: Queryable) => PendingQuery<R>) => Promise<R>;

/**
 * Runs fn in a transaction on a reserved connection, with `setup` (one simple-protocol statement
 * that sets the role and any claims) sent together with BEGIN and pipelined with fn's first query,
 * so the transaction costs no round trip of its own. Every setting in `setup` must be
 * transaction-local, so nothing survives on the pooled connection. If the setup fails, the
 * transaction is aborted and fn's queries fail with it: nothing runs without the role. fn may end
 * the transaction with its last statement (commitWith); otherwise COMMIT follows when it returns.
 * The app's pool unless a maintenance script passes its own connection.
 */
export async function pipelinedTransaction<T>(
  setup: string,
  fn: (tx: Queryable, commitWith: CommitWith) => Promise<T>,
  pool: Sql = getPool(),
): Promise<T> {
  const connection = await pool.reserve();
  let committed = false;
  const commitWith: CommitWith = async (statement) => {
    committed = true;
    const [rows, commit] = await Promise.allSettled([statement(connection).execute(), connection`commit`.execute()]);
    if (rows.status === 'rejected') throw rows.reason;
    if (commit.status === 'rejected') throw commit.reason;
    return rows.value;
  };
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
      result = await fn(connection, commitWith);
    } catch (error) {
      throw (await setupDone) ?? error;
    }
    const setupError = await setupDone;
    if (setupError) throw setupError;
    if (!committed) await connection`commit`;
    return result;
  } catch (error) {
    await connection.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}
