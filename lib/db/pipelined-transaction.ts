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
 * Sends `statements` (SQL with its values as literals, lib/db/sql-literal.ts) with COMMIT as one
 * simple-protocol message: one write and one round trip, however many statements. Every
 * statement must return rows (a SELECT: postgres.js starts a result at each row description, so
 * a statement without one would merge into its neighbour's). Answers each statement's rows, in
 * order. If one fails, PostgreSQL skips the rest, COMMIT included, and its error is thrown; the
 * transaction is then rolled back.
 */
export type CommitInline = (statements: readonly string[]) => Promise<readonly (readonly MaybeRow[])[]>;

/**
 * Runs fn in a transaction on a reserved connection, with `setup` (one simple-protocol statement
 * that sets the role and any claims) sent together with BEGIN and pipelined with fn's first query,
 * so the transaction costs no round trip of its own. Every setting in `setup` must be
 * transaction-local, so nothing survives on the pooled connection. If the setup fails, the
 * transaction is aborted and fn's queries fail with it: nothing runs without the role. fn may end
 * the transaction with its last statement (commitWith, or commitInline for literal SQL); otherwise
 * COMMIT follows when it returns.
 * The app's pool unless a maintenance script passes its own connection.
 */
export async function pipelinedTransaction<T>(
  setup: string,
  fn: (tx: Queryable, commitWith: CommitWith, commitInline: CommitInline) => Promise<T>,
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
  const commitInline: CommitInline = async (statements) => {
    committed = true;
    const answer = (await connection.unsafe(`${statements.join('; ')}; commit`).simple()) as unknown as MaybeRow[] | MaybeRow[][];
    // One statement answers its rows alone; several, one list of rows each (COMMIT adds none).
    const results = statements.length === 1 ? [answer as MaybeRow[]] : (answer as MaybeRow[][]);
    if (results.length !== statements.length) throw new Error(`commitInline: ${statements.length} statements answered ${results.length} results; each must be a SELECT`);
    return results;
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
      result = await fn(connection, commitWith, commitInline);
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
