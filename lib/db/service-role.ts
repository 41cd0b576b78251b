import type { MaybeRow, PendingQuery } from 'postgres';
import type { Queryable, Sql, TransactionSql } from '@/lib/db/client';
import { getPool } from '@/lib/db/client';
import { pipelinedTransaction, type CommitInline, type CommitWith } from '@/lib/db/pipelined-transaction';

/**
 * SERVICE ROLE: bypasses Row Level Security. Only webhook handlers, cron jobs, the embedded auth
 * server and maintenance scripts may import this module (enforced by ESLint). Anything acting for
 * a signed-in user must use withUserTransaction instead.
 */
export async function withServiceRole<T>(fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  const result = await getPool().begin(async (tx) => {
    await tx`select set_config('role', 'service_role', true)`;
    return fn(tx);
  });
  return result as T;
}

/**
 * As withServiceRole, with BEGIN and the role pipelined with fn's first query, and the last
 * statement with COMMIT if fn wishes (commitWith): for the Stripe webhook, whose acknowledgement
 * Stripe waits on. Scripts pass their own connection.
 */
export async function withServiceRoleTransaction<T>(fn: (tx: Queryable, commitWith: CommitWith) => Promise<T>, pool?: Sql): Promise<T> {
  return pipelinedTransaction(`select set_config('role', 'service_role', true)`, fn, pool);
}

/**
 * The connection's own role (the database owner). Needed where service_role has no grant, such as
 * the auth schema that the embedded auth server owns.
 */
export async function withDatabaseOwner<T>(fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  const result = await getPool().begin(fn);
  return result as T;
}

/**
 * Inside a user's transaction, runs one statement as the service role and then returns to the
 * caller's role: for the few writes only the server may make on a user's behalf (opening and
 * settling runs), which must commit or roll back with that user's other statements. The three
 * statements are queued in order with execute() and pipelined, so this costs no extra round trip.
 * The statement takes the user as an argument from verified claims; it must be built, not sent,
 * by `statement` (a postgres.js query is sent when executed), so that it runs between the two.
 */
export async function asServer<T extends readonly MaybeRow[]>(tx: Queryable, statement: (tx: Queryable) => PendingQuery<T>): Promise<T> {
  const elevate = tx`select set_config('role', 'service_role', true)`.execute();
  const result = statement(tx).execute();
  const restore = tx`select set_config('role', 'authenticated', true)`.execute();
  const [, rows] = await Promise.all([elevate, result, restore]);
  return rows as T;
}

/**
 * As asServer, for a statement whose values are already literals in its text (sql-literal.ts):
 * the role switch, the statement and the switch back go out as one simple-protocol message, which
 * the server parses and runs in one go (three statements' worth of protocol in one). Answers the
 * statement's rows; it must return some (a SELECT). It runs inside the caller's transaction, so
 * an error aborts it as usual; with `commitInline` (the transaction's, see pipelinedTransaction)
 * the same message also commits it.
 */
export async function asServerInline<T extends readonly MaybeRow[]>(tx: Queryable, statement: string, commitInline?: CommitInline): Promise<T> {
  const statements = [`select set_config('role', 'service_role', true)`, statement, `select set_config('role', 'authenticated', true)`];
  const results = commitInline ? await commitInline(statements) : ((await tx.unsafe(statements.join('; ')).simple()) as unknown as readonly T[]);
  return results[1] as T;
}
