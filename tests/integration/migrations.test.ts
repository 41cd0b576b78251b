import { execFile } from 'node:child_process';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSql, type Sql } from '@/lib/db/client';
import { startEmbeddedDatabase } from '@/lib/db/embedded';
import { appliedMigrations, migrate, readMigrations, splitStatements, type MigrationFile } from '@/lib/db/migrations';
import { KEY_TABLES, verifyDatabase } from '@/lib/db/verify';

/**
 * Migrations on a database of their own, empty at the start (the shared test database arrives
 * already migrated): a new database on the PostgreSQL server when TEST_DATABASE_URL is set,
 * otherwise a second in-memory embedded PGlite.
 */

const CLI_TIMEOUT_MS = 60_000;
const SLOW_TEST_MS = 120_000;

interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

function urlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  // The Supabase CLI tries TLS unless told not to.
  if (!url.searchParams.has('sslmode')) url.searchParams.set('sslmode', 'disable');
  return url.toString();
}

const SUPABASE_ROLES = ['anon', 'authenticated', 'service_role'];

async function createFreshDatabase(): Promise<FreshDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedDatabase();
    return { url: embedded.url, drop: () => embedded.stop() };
  }
  const name = `vc_test_${Date.now()}_mig`;
  const admin = postgres(urlFor(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
  let rolesBefore: Set<string>;
  try {
    rolesBefore = new Set((await admin<{ rolname: string }[]>`select rolname from pg_roles where rolname = any(${SUPABASE_ROLES})`).map((r) => r.rolname));
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: urlFor(serverUrl, name),
    async drop() {
      const cleanup = postgres(urlFor(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
        // Cluster-wide roles this database's migrations created (normally the shared test database made them first).
        for (const role of SUPABASE_ROLES.filter((r) => !rolesBefore.has(r))) {
          await cleanup.unsafe(`drop role if exists ${role}`).catch(() => {});
        }
      } finally {
        await cleanup.end();
      }
    },
  };
}

interface CommandResult {
  exitCode: number;
  output: string;
}

/** Runs a command from the repository root and collects stdout and stderr, whatever the exit code. */
function runCommand(command: string, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: process.cwd(), env: { ...process.env, ...env }, timeout: CLI_TIMEOUT_MS, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${command} ${args.join(' ')} did not finish (${error.code ?? error.signal ?? error.message}):\n${output}`));
          return;
        }
        resolve({ exitCode: error ? Number(error.code) : 0, output });
      },
    );
  });
}

/** The rows of `supabase migration list`: "   `001` | `001`  | `001` " → local and remote versions. */
function parseMigrationList(output: string): { local: string; remote: string }[] {
  const rows: { local: string; remote: string }[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s*`?(\d*)`?\s*\|\s*`?(\d*)`?\s*\|/.exec(line);
    if (match && (match[1] || match[2])) rows.push({ local: match[1]!, remote: match[2]! });
  }
  return rows;
}

const verifyLines = (output: string, mark: '✅' | '❌') => output.split('\n').filter((line) => line.startsWith(mark));

let db: FreshDatabase;
let sql: Sql;
let files: MigrationFile[];

beforeAll(async () => {
  files = await readMigrations();
  db = await createFreshDatabase();
  sql = createSql(db.url, 1);
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await db?.drop();
});

describe('migrate() on an empty database', () => {
  it('applies every file in supabase/migrations, in order', async () => {
    expect(files.length).toBeGreaterThan(0);
    expect(await appliedMigrations(sql)).toEqual([]);
    const result = await migrate(sql);
    expect(result.applied).toEqual(files.map((file) => file.file));
    expect(result.skipped).toEqual([]);
  });

  it('leaves a database that verifyDatabase() passes', async () => {
    const checks = await verifyDatabase(sql);
    expect(checks.filter((check) => !check.ok).map((check) => check.label)).toEqual([]);
    // One check per migration and key table, plus RLS and policy checks per table.
    expect(checks.length).toBeGreaterThanOrEqual(files.length + 3 * KEY_TABLES.length);
  });

  it('applies nothing the second time', async () => {
    const result = await migrate(sql);
    expect(result.applied).toEqual([]);
    expect(result.skipped).toEqual(files.map((file) => file.file));
  });

  it('records each file in supabase_migrations.schema_migrations as the Supabase CLI does', async () => {
    const rows = await sql<{ version: string; name: string; statements: string[] }[]>`
      select version, name, statements from supabase_migrations.schema_migrations order by version`;
    expect(rows.map(({ version, name }) => ({ version, name }))).toEqual(
      files.map((file) => ({ version: file.file.split('_')[0], name: file.file.replace(/^\d+_/, '').replace(/\.sql$/, '') })),
    );
    for (const [index, row] of rows.entries()) {
      expect(row.statements.length, `${row.version} statements`).toBeGreaterThan(0);
      expect(row.statements.every((statement) => statement.trim().length > 0)).toBe(true);
      expect(row.statements).toEqual(splitStatements(files[index]!.sql));
    }
  });
});

describe('the Supabase CLI reads the same history', () => {
  it(
    '`supabase migration list` shows every version both locally and remotely',
    async () => {
      const { exitCode, output } = await runCommand('npx', ['supabase', 'migration', 'list', '--db-url', db.url]);
      expect(exitCode, output).toBe(0);
      const rows = parseMigrationList(output);
      expect(rows, output).toEqual(files.map((file) => ({ local: file.version, remote: file.version })));
    },
    SLOW_TEST_MS,
  );

  it(
    '`supabase db push --dry-run` has nothing to push',
    async () => {
      const { exitCode, output } = await runCommand('npx', ['supabase', 'db', 'push', '--dry-run', '--db-url', db.url]);
      expect(exitCode, output).toBe(0);
      expect(output).toContain('Remote database is up to date');
    },
    SLOW_TEST_MS,
  );
});

describe('npm run verify-migrations', () => {
  const verify = () => runCommand('npm', ['run', '--silent', 'verify-migrations'], { DATABASE_URL: db.url });

  it(
    'passes on the migrated database',
    async () => {
      const { exitCode, output } = await verify();
      expect(exitCode, output).toBe(0);
      expect(verifyLines(output, '✅').length, output).toBeGreaterThan(files.length);
      expect(verifyLines(output, '❌'), output).toEqual([]);
    },
    SLOW_TEST_MS,
  );

  it(
    'fails, naming them, on a table without RLS and a SECURITY DEFINER function without a search_path',
    async () => {
      await sql.unsafe(`
        create table public.unprotected (id int);
        create function public.unsafe_definer() returns int language sql security definer as 'select 1';
      `).simple();
      try {
        const { exitCode, output } = await verify();
        expect(exitCode, output).toBe(1);
        const failures = verifyLines(output, '❌');
        expect(failures.some((line) => line.includes('public.unprotected') && /row level security/i.test(line)), output).toBe(true);
        expect(failures.some((line) => line.includes('public.unprotected') && /0 policies/.test(line)), output).toBe(true);
        expect(failures.some((line) => line.includes('public.unsafe_definer')), output).toBe(true);
        expect(failures, output).toHaveLength(3);
      } finally {
        await sql.unsafe(`
          drop table if exists public.unprotected;
          drop function if exists public.unsafe_definer();
        `).simple();
      }
      expect((await verifyDatabase(sql)).filter((check) => !check.ok)).toEqual([]);
    },
    SLOW_TEST_MS,
  );

  it(
    'fails on TRUNCATE for users, any grant to anon, and two permissive policies for one action',
    async () => {
      await sql.unsafe(`
        grant truncate on public.agent_runs to authenticated;
        grant select on public.prompt_atoms to anon;
        create policy "Second reader" on public.vibe_configs for select to authenticated using (true);
      `).simple();
      try {
        const failures = (await verifyDatabase(sql)).filter((check) => !check.ok).map((check) => check.label);
        expect(failures.join('\n')).toMatch(/authenticated TRUNCATE on agent_runs/);
        expect(failures.join('\n')).toMatch(/anon SELECT on prompt_atoms/);
        expect(failures.join('\n')).toMatch(/vibe_configs authenticated SELECT \(Second reader, Vibe: owner reads\)/);
        expect(failures).toHaveLength(2);
      } finally {
        await sql.unsafe(`
          revoke truncate on public.agent_runs from authenticated;
          revoke select on public.prompt_atoms from anon;
          drop policy "Second reader" on public.vibe_configs;
        `).simple();
      }
      expect((await verifyDatabase(sql)).filter((check) => !check.ok)).toEqual([]);
    },
    SLOW_TEST_MS,
  );

  it('new tables do not grant TRUNCATE, TRIGGER or REFERENCES to users, nor anything to anon', async () => {
    await sql.unsafe('create table public.later_table (id int)').simple();
    try {
      const grants = await sql<{ grantee: string; privilege: string }[]>`
        select grantee, privilege_type as privilege from information_schema.role_table_grants
        where table_schema = 'public' and table_name = 'later_table' and grantee in ('anon', 'authenticated')`;
      expect(grants.filter((g) => g.grantee === 'anon')).toEqual([]);
      expect(grants.map((g) => g.privilege).sort()).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    } finally {
      await sql.unsafe('drop table public.later_table').simple();
    }
  });
});

describe('splitStatements', () => {
  it('splits on top-level semicolons only, keeping quoted text, dollar-quoted bodies and comments intact', () => {
    const fn = `create function f() returns text language plpgsql as $body$
begin
  perform 1; -- a ; inside the body
  return 'a;b';
end;
$body$`;
    const script = `-- leading comment; with a semicolon
create table t (note text default 'semi;colon', "odd;name" int);
/* block comment; also with one */
${fn};
insert into t (note) values ('it''s; fine'), ($$dollar;quoted$$);
-- a trailing comment with no statement;
`;
    expect(splitStatements(script)).toEqual([
      `-- leading comment; with a semicolon\ncreate table t (note text default 'semi;colon', "odd;name" int)`,
      `/* block comment; also with one */\n${fn}`,
      `insert into t (note) values ('it''s; fine'), ($$dollar;quoted$$)`,
    ]);
  });

  it('returns nothing for a script of comments and blank lines', () => {
    expect(splitStatements('-- only a comment;\n/* and; another */\n\n;\n')).toEqual([]);
  });
});
