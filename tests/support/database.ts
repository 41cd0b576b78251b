import { afterAll } from 'vitest';
import { createSql, closePool, type Sql } from '@/lib/db/client';

/**
 * The database owner's connection, for arranging fixtures and checking results directly.
 * Registers cleanup of both it and the app's pool when the test file ends.
 */
export function ownerSql(): Sql {
  const sql = createSql(process.env.DATABASE_URL!, 1);
  afterAll(async () => {
    await sql.end({ timeout: 5 });
    await closePool();
  });
  return sql;
}

export const isEmbedded = () => process.env.TEST_DATABASE_EMBEDDED === '1';
