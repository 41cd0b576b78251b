import type { Db } from 'pg-boss';
import type { Queryable, TransactionSql } from '@/lib/db/client';

/**
 * pg-boss's database adapter over the app's driver: the pool for the drain, or an open
 * transaction so that a job is sent with the event row it carries and commits or rolls back with it.
 */
export function queueDb(sql: Queryable | TransactionSql): Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const rows = await sql.unsafe(text, values as never[]);
      return { rows: [...rows] };
    },
  };
}
