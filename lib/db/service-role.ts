import type { TransactionSql } from '@/lib/db/client';
import { getPool } from '@/lib/db/client';

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
 * The connection's own role (the database owner). Needed where service_role has no grant, such as
 * the auth schema that the embedded auth server owns.
 */
export async function withDatabaseOwner<T>(fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  const result = await getPool().begin(fn);
  return result as T;
}
