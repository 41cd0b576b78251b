import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSql } from '@/lib/db/client';
import { startEmbeddedDatabase } from '@/lib/db/embedded';
import { fakeStripeEnv, startFakeStripe, type FakeStripe } from '@/tests/support/fake-stripe';

/**
 * docs/RUNBOOK.md, line by line: every command in its ```sh blocks runs here, in order, on a new
 * database that starts empty (so `npm run migrate` really applies everything), and must exit 0.
 * A command that cannot run in a test says why with a trailing `# not run in tests: <why>`; its npm
 * scripts and npx binaries must still exist. Every ```sql block runs on the migrated database.
 */

const root = path.resolve(import.meta.dirname, '../..');
const RUNBOOK = path.join(root, 'docs/RUNBOOK.md');
const NOT_RUN = /\s+# not run in tests:\s*(.*)$/;
// Commands that reach a deployment, an account or a remote project cannot pass here.
const NEEDS_OUTSIDE = /(^|[\s|;&(])(curl|wget|vercel|npx vercel|supabase|npx supabase|stripe|gh)\s/;
const PLACEHOLDER = /<[a-z][a-z0-9 _-]*>/i;

interface Command {
  line: number;
  text: string;
  /** Set when the command is marked `# not run in tests: …`. */
  skipReason?: string;
}

interface Runbook {
  commands: Command[];
  sql: { line: number; text: string }[];
  problems: string[];
}

/** The commands and SQL of a runbook's text, and every rule they break. */
export function readRunbook(markdown: string, scripts: Record<string, string>, hasBinary: (name: string) => boolean): Runbook {
  const commands: Command[] = [];
  const sql: Runbook['sql'] = [];
  const problems: string[] = [];
  const lines = markdown.split('\n');
  let block: { lang: string; start: number; body: string[] } | undefined;
  lines.forEach((raw, index) => {
    const fence = /^```(\w*)\s*$/.exec(raw);
    if (fence && !block) {
      block = { lang: fence[1]!, start: index + 1, body: [] };
      return;
    }
    if (fence && block) {
      if (block.lang === 'sql') sql.push({ line: block.start, text: block.body.join('\n') });
      block = undefined;
      return;
    }
    if (!block) return;
    block.body.push(raw);
    if (block.lang === 'bash' || block.lang === 'shell') problems.push(`line ${index + 1}: use a sh block for commands`);
    if (block.lang !== 'sh' || raw.trim() === '') return;
    const where = `line ${index + 1}`;
    const marker = NOT_RUN.exec(raw);
    const text = (marker ? raw.slice(0, marker.index) : raw).trim();
    const command: Command = { line: index + 1, text, skipReason: marker?.[1]?.trim() };
    if (text.startsWith('#')) problems.push(`${where}: a comment alone is not a command`);
    else if (/\s#/.test(text)) problems.push(`${where}: only "# not run in tests: <why>" may follow a command`);
    if (marker && (command.skipReason ?? '').length < 10) problems.push(`${where}: say why it is not run`);
    if (text.endsWith('\\')) problems.push(`${where}: one command per line`);
    for (const [, script] of text.matchAll(/npm run ([\w:.-]+)/g)) {
      if (!(script! in scripts)) problems.push(`${where}: npm run ${script} is not a script in package.json`);
    }
    for (const [, binary] of text.matchAll(/(?:^|[\s|;&])npx ([\w@./-]+)/g)) {
      if (!hasBinary(binary!)) problems.push(`${where}: npx ${binary} is not installed`);
    }
    if (!marker && NEEDS_OUTSIDE.test(text)) problems.push(`${where}: reaches outside the machine; mark it "# not run in tests: <why>"`);
    if (!marker && PLACEHOLDER.test(text)) problems.push(`${where}: has a placeholder; give a real value or mark it not run`);
    commands.push(command);
  });
  if (block) problems.push(`line ${block.start}: a code block is not closed`);
  return { commands, sql, problems };
}

const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
const hasBinary = (name: string) => existsSync(path.join(root, 'node_modules/.bin', name));
const runbook = readRunbook(readFileSync(RUNBOOK, 'utf8'), scripts, hasBinary);

describe('readRunbook (the rules the runbook is held to)', () => {
  const check = (markdown: string) => readRunbook(markdown, { migrate: 'x', 'ops:report': 'y' }, (name) => name === 'vercel').problems;

  it('accepts runnable commands and reasoned skips', () => {
    expect(check('```sh\nnpm run migrate\nnpx vercel logs --json | npm run ops:report # not run in tests: needs a Vercel account\n```')).toEqual([]);
  });

  it('refuses unknown scripts and binaries, unmarked outside calls, placeholders, bare comments and skips without a reason', () => {
    expect(check('```sh\nnpm run migrat\n```')).toEqual(['line 2: npm run migrat is not a script in package.json']);
    expect(check('```sh\nnpx supabase db push # not run in tests: a remote project\n```')).toEqual(['line 2: npx supabase is not installed']);
    expect(check('```sh\ncurl -fsS https://app.example.com/health\n```')[0]).toMatch(/reaches outside/);
    expect(check('```sh\nnpm run migrate -- <file>\n```')[0]).toMatch(/placeholder/);
    expect(check('```sh\n# migrate first\n```')[0]).toMatch(/comment alone/);
    expect(check('```sh\nnpm run migrate # first\n```')[0]).toMatch(/only "# not run in tests/);
    expect(check('```sh\nnpx vercel --prod # not run in tests:\n```')[0]).toMatch(/say why/);
    expect(check('```bash\nls\n```')[0]).toMatch(/use a sh block/);
  });
});

describe('docs/RUNBOOK.md', () => {
  let database: { url: string; drop: () => Promise<void> };
  let stripe: FakeStripe;

  beforeAll(async () => {
    database = await emptyDatabase();
    stripe = await startFakeStripe();
  });

  afterAll(async () => {
    await stripe?.close();
    await database?.drop();
  });

  it('follows its own rules', () => {
    expect(runbook.problems).toEqual([]);
  });

  it('lists the commands operations depend on, to run', () => {
    const run = runbook.commands.filter((command) => !command.skipReason).map((command) => command.text);
    for (const needed of ['npm run migrate', 'npm run verify-migrations', 'npm run billing:reconcile']) expect(run).toContain(needed);
    expect(run.some((text) => text.startsWith('npm run ops:report'))).toBe(true);
    expect(runbook.sql.length).toBeGreaterThanOrEqual(4);
  });

  it('runs every command on a new database, in order, each exiting 0', async () => {
    const env = {
      ...process.env,
      ...fakeStripeEnv(stripe),
      DATABASE_URL: database.url,
      PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
    };
    const ran: string[] = [];
    for (const command of runbook.commands.filter((c) => !c.skipReason)) {
      await ensureAccounts(database.url, command.text);
      const result = await run(command.text, env);
      expect(result.status, `line ${command.line}: ${command.text}\n${result.stdout}\n${result.stderr}`).toBe(0);
      if (command.text.startsWith('npm run migrate') && !command.text.includes('--seed')) {
        expect(result.stdout, 'the first migrate applies every migration').toMatch(/Applied \d+ migration\(s\); 0 were already applied/);
      }
      if (command.text.startsWith('npm run verify-migrations')) expect(result.stdout).toMatch(/All \d+ checks passed/);
      if (command.text.startsWith('npm run ops:report')) expect(result.stdout).toMatch(/^OK: \d+ requests/m);
      ran.push(command.text);
    }
    expect(ran.length).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it('shows SQL that runs on the migrated database', async () => {
    const sql = createSql(database.url, 1);
    try {
      for (const block of runbook.sql) {
        await expect(sql.unsafe(block.text), `the sql block at line ${block.line}`).resolves.toBeDefined();
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});

/** A database with nothing in it: a new one on TEST_DATABASE_URL's server, or an in-memory embedded one. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const embedded = await startEmbeddedDatabase();
    return { url: embedded.url, drop: () => embedded.stop() };
  }
  const at = (name: string) => {
    const url = new URL(server);
    url.pathname = `/${name}`;
    if (!url.searchParams.has('sslmode')) url.searchParams.set('sslmode', 'disable');
    return url.toString();
  };
  // The prefix and time of the throwaway databases, so an interrupted run's is cleaned up like theirs.
  const name = `vc_test_${Date.now()}_runbook`;
  const admin = postgres(at('postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  return {
    url: at(name),
    async drop() {
      const cleanup = postgres(at('postgres'), { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`).finally(() => cleanup.end());
    },
  };
}

/** A command that names an account by address (admin:grant) needs that account to exist: sign it up the way the database would. */
async function ensureAccounts(url: string, command: string): Promise<void> {
  const emails = [...command.matchAll(/[\w.+-]+@[\w-]+\.[\w.]+/g)].map(([email]) => email!);
  if (emails.length === 0) return;
  const sql = createSql(url, 1);
  try {
    for (const email of emails) {
      await sql`
        insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data)
        select gen_random_uuid(), 'authenticated', 'authenticated', ${email}, '{}'::jsonb, '{}'::jsonb
        where not exists (select 1 from auth.users where lower(email) = lower(${email}))`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Runs a shell command without blocking this process (the embedded database is served from it). */
function run(command: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
