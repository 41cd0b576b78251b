import postgres from 'postgres';
import { createSql } from '@/lib/db/client';
import { startEmbeddedDatabase } from '@/lib/db/embedded';
import { migrate, seed } from '@/lib/db/migrations';

/**
 * A fresh, migrated and seeded database for one test or benchmark run, removed afterwards.
 * With a server URL it is a new database on that PostgreSQL server; without one it is an
 * in-memory embedded PGlite that leaves nothing on disk.
 */

export interface ThrowawayDatabase {
  url: string;
  embedded: boolean;
  drop(): Promise<void>;
}

const PREFIX = 'vc_test_';
const SUPABASE_ROLES = ['anon', 'authenticated', 'service_role'];
// Databases left by runs that were killed before they could clean up.
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  if (!url.searchParams.has('sslmode')) url.searchParams.set('sslmode', 'disable');
  return url.toString();
}

async function dropStale(admin: postgres.Sql): Promise<void> {
  const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${PREFIX}%`}`;
  for (const { datname } of rows) {
    const createdAt = Number(/^vc_test_(\d+)_/.exec(datname)?.[1]);
    if (Number.isFinite(createdAt) && Date.now() - createdAt > STALE_AFTER_MS) {
      await admin.unsafe(`drop database if exists "${datname}" with (force)`).catch(() => {});
    }
  }
}

export async function createThrowawayDatabase(options: { serverUrl?: string; seed?: boolean } = {}): Promise<ThrowawayDatabase> {
  let db: ThrowawayDatabase;
  if (options.serverUrl) {
    const serverUrl = options.serverUrl;
    const admin = postgres(withDatabase(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
    await dropStale(admin);
    const name = `${PREFIX}${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    db = {
      url: withDatabase(serverUrl, name),
      embedded: false,
      async drop() {
        const cleanup = postgres(withDatabase(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
        try {
          await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
          // Roles are cluster-wide. DROP ROLE fails while any database still depends on a role,
          // so this removes them only once no run (this one or a concurrent one) uses them;
          // checking who created them instead would leak them when runs overlap.
          for (const role of SUPABASE_ROLES) {
            await cleanup.unsafe(`drop role if exists ${role}`).catch(() => {});
          }
        } finally {
          await cleanup.end();
        }
      },
    };
  } else {
    const embedded = await startEmbeddedDatabase();
    db = { url: embedded.url, embedded: true, drop: () => embedded.stop() };
  }
  const sql = createSql(db.url, 1);
  try {
    await migrate(sql);
    if (options.seed !== false) await seed(sql);
  } catch (error) {
    await sql.end();
    await db.drop();
    throw error;
  }
  await sql.end();
  return db;
}
