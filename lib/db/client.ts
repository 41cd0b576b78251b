import postgres from 'postgres';
import { serverEnv } from '@/lib/env';

/**
 * The one place that opens database connections. Application code never imports this module:
 * user requests go through user-transaction.ts (RLS applies) and trusted server jobs through
 * service-role.ts. An ESLint rule keeps it that way.
 *
 * prepare: false because production connects through Supabase's transaction pooler, which cannot
 * keep prepared statements across transactions.
 */

declare global {
  var __vcSql: postgres.Sql | undefined;
}

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;
/** Anything queries can be sent through: a transaction or a reserved connection. */
export type Queryable = postgres.Sql;

export function createSql(url: string, max: number): postgres.Sql {
  return postgres(url, {
    max,
    prepare: false,
    idle_timeout: 20,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: 'venture-companion' },
  });
}

export function getPool(): postgres.Sql {
  // Cached on globalThis so dev-server reloads reuse the pool instead of leaking connections.
  globalThis.__vcSql ??= createSql(serverEnv().DATABASE_URL, serverEnv().DATABASE_POOL_MAX);
  return globalThis.__vcSql;
}

export async function closePool(): Promise<void> {
  const sql = globalThis.__vcSql;
  globalThis.__vcSql = undefined;
  await sql?.end({ timeout: 5 });
}
