import type { Db } from 'pg-boss';
import type { Queryable, Sql, TransactionSql } from '@/lib/db/client';

type Rows = Record<string, unknown>[];

/** A simple-protocol answer: one result, or one per statement of a script; their rows in order. */
function flatten(result: unknown[]): Rows {
  return (result.length > 0 && Array.isArray(result[0]) ? (result as Rows[]).flat() : result) as Rows;
}

/**
 * pg-boss's database adapter over the app's driver. A statement with parameters is sent as one
 * (extended protocol). One without may be a whole script, such as pg-boss's maintenance wrapped
 * in BEGIN … COMMIT with an advisory lock: it goes by the simple protocol and every statement's
 * rows are returned, as node-postgres would. Given the pool (`pooled`), a script has a connection
 * of its own, rolled back if it fails midway so the next user of the connection finds no aborted
 * transaction. Given an open transaction, everything is sent through it, so that a job is stored
 * with the event it carries and commits or rolls back with it.
 */
export function queueDb(sql: Queryable | TransactionSql, { pooled = false }: { pooled?: boolean } = {}): Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      if (values.length > 0) return { rows: [...(await sql.unsafe(text, values as never[]))] };
      if (!pooled) return { rows: flatten(await sql.unsafe(text).simple()) };
      const connection = await (sql as Sql).reserve();
      try {
        return { rows: flatten(await connection.unsafe(text).simple()) };
      } catch (error) {
        await connection.unsafe('rollback').simple();
        throw error;
      } finally {
        connection.release();
      }
    },
  };
}
