import { spawn } from 'node:child_process';
import nextEnv from '@next/env';
import { createSql } from '@/lib/db/client';
import { EMBEDDED_DB_DIR, EMBEDDED_DB_PORT, startEmbeddedDatabase, type EmbeddedDatabase } from '@/lib/db/embedded';
import { migrate, seed } from '@/lib/db/migrations';
import { localSigningKey } from './lib/embedded-auth-key';

/**
 * npm run dev: with DATABASE_URL (in the environment or .env.local) it uses that database;
 * without it, it starts the embedded PGlite database persisted in .data/pglite. Either way it
 * migrates and seeds, then runs `next dev`. Without Supabase keys it turns on the embedded auth
 * server, so the app is usable with no keys at all.
 */

nextEnv.loadEnvConfig(process.cwd(), true);

let embedded: EmbeddedDatabase | undefined;
const env: Record<string, string> = {};

if (process.env.DATABASE_URL) {
  env.DATABASE_URL = process.env.DATABASE_URL;
} else {
  embedded = await startEmbeddedDatabase({ dataDir: EMBEDDED_DB_DIR, port: EMBEDDED_DB_PORT });
  env.DATABASE_URL = embedded.url;
  // PGlite serves one session at a time.
  env.DATABASE_POOL_MAX = '1';
  console.log(`Embedded database (PGlite) on ${embedded.url.replace(/:[^:@/]*@/, ':***@')}, data in ${EMBEDDED_DB_DIR}/`);
}

const sql = createSql(env.DATABASE_URL, 1);
const result = await migrate(sql, { log: (line) => console.log(line) });
await seed(sql);
await sql.end();
console.log(`Database ready (${result.applied.length} migration(s) applied, seed loaded).`);

const supabaseConfigured = Boolean(process.env.SUPABASE_URL ?? process.env.NEXT_PUBLIC_SUPABASE_URL);
if (!supabaseConfigured && !process.env.AUTH_MODE) {
  env.AUTH_MODE = 'embedded';
  console.log('No Supabase project configured: using the embedded auth server (development only).');
}
if ((env.AUTH_MODE ?? process.env.AUTH_MODE) === 'embedded' && !process.env.EMBEDDED_AUTH_SIGNING_KEY) {
  env.EMBEDDED_AUTH_SIGNING_KEY = await localSigningKey();
}

const child = spawn('next', ['dev', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ...env },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  await embedded?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
child.on('exit', (code) => void stop(code ?? 0));
