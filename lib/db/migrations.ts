import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sql } from '@/lib/db/client';

/**
 * Applies supabase/migrations the way the Supabase CLI does and records them in the same table
 * (supabase_migrations.schema_migrations), so `npm run migrate` and `supabase db push` each see
 * what the other applied.
 */

export const MIGRATIONS_DIR = path.join(process.cwd(), 'supabase', 'migrations');
export const SEED_FILE = path.join(process.cwd(), 'supabase', 'seed.sql');
/** The template catalog's versions, generated from templates/catalog (npm run templates:seed). */
export const TEMPLATE_SEED_FILE = path.join(process.cwd(), 'supabase', 'seed-templates.sql');
export const SUPABASE_COMPAT_FILE = path.join(process.cwd(), 'lib', 'db', 'sql', 'supabase-compat.sql');

// The CLI's rule: <digits>_<name>.sql; the digits are the version.
const MIGRATION_FILE = /^(\d+)_(.+)\.sql$/;

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
  sql: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = (await readdir(dir)).filter((entry) => MIGRATION_FILE.test(entry)).sort();
  return Promise.all(
    entries.map(async (file) => {
      const [, version, name] = MIGRATION_FILE.exec(file)!;
      return { version: version!, name: name!, file, sql: await readFile(path.join(dir, file), 'utf8') };
    }),
  );
}

/**
 * Splits a script into statements, respecting quotes, dollar-quoted bodies and comments, so the
 * statements column holds what the CLI would store.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    const next = script[i + 1];
    if (ch === '-' && next === '-') {
      const end = script.indexOf('\n', i);
      const stop = end === -1 ? script.length : end + 1;
      current += script.slice(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = script.indexOf('*/', i + 2);
      const stop = end === -1 ? script.length : end + 2;
      current += script.slice(i, stop);
      i = stop;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < script.length) {
        if (script[j] === ch) {
          if (script[j + 1] === ch) j += 2;
          else break;
        } else j += 1;
      }
      current += script.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i));
      if (tag) {
        const end = script.indexOf(tag[0], i + tag[0].length);
        const stop = end === -1 ? script.length : end + tag[0].length;
        current += script.slice(i, stop);
        i = stop;
      } else {
        current += ch;
        i += 1;
      }
    } else if (ch === ';') {
      pushStatement(statements, current);
      current = '';
      i += 1;
    } else {
      current += ch;
      i += 1;
    }
  }
  pushStatement(statements, current);
  return statements;
}

function pushStatement(statements: string[], text: string): void {
  const withoutComments = text.replace(/--[^\n]*\n?/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim();
  if (withoutComments.length > 0) statements.push(text.trim());
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** Supabase's roles, auth schema and helpers for a database that lacks them; a no-op on Supabase. */
export async function applySupabaseCompat(sql: Sql): Promise<void> {
  await sql.unsafe(await readFile(SUPABASE_COMPAT_FILE, 'utf8')).simple();
}

async function ensureHistoryTable(sql: Sql): Promise<void> {
  // Same shape as the CLI creates, so either tool can take over from the other.
  await sql.unsafe(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
    alter table supabase_migrations.schema_migrations add column if not exists statements text[];
    alter table supabase_migrations.schema_migrations add column if not exists name text;
  `).simple();
}

export interface AppliedMigration {
  version: string;
  name: string | null;
  statements: string[] | null;
}

export async function appliedMigrations(sql: Sql): Promise<AppliedMigration[]> {
  const exists = await sql<{ present: boolean }[]>`
    select to_regclass('supabase_migrations.schema_migrations') is not null as present`;
  if (!exists[0]?.present) return [];
  return sql<AppliedMigration[]>`
    select version, name, statements from supabase_migrations.schema_migrations order by version`;
}

export interface MigrateResult {
  applied: string[];
  skipped: string[];
}

/** Applies each pending file in its own transaction; a second run applies nothing. */
export async function migrate(sql: Sql, options: { dir?: string; log?: (line: string) => void } = {}): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  await applySupabaseCompat(sql);
  await ensureHistoryTable(sql);
  const done = new Set((await appliedMigrations(sql)).map((row) => row.version));
  const result: MigrateResult = { applied: [], skipped: [] };
  for (const migration of await readMigrations(options.dir)) {
    if (done.has(migration.version)) {
      result.skipped.push(migration.file);
      continue;
    }
    await sql.begin(async (tx) => {
      await tx.unsafe(migration.sql).simple();
      await tx`
        insert into supabase_migrations.schema_migrations (version, name, statements)
        values (${migration.version}, ${migration.name}, ${splitStatements(migration.sql)})`;
    });
    result.applied.push(migration.file);
    log(`applied ${migration.file}`);
  }
  return result;
}

/** Loads supabase/seed.sql and then the template catalog (seed-templates.sql); both are re-runnable. */
export async function seed(sql: Sql, files = [SEED_FILE, TEMPLATE_SEED_FILE]): Promise<void> {
  for (const file of files) await sql.unsafe(await readFile(file, 'utf8')).simple();
}
