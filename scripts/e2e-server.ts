import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { generateSigningKey } from '@/lib/auth/embedded/signing-key';
import { fakeStripeEnv, startFakeStripe, type FakeStripe } from '@/tests/support/fake-stripe';
import { E2E_CODE_REPO_SECRET } from './lib/e2e-code-repo-secret';
import { E2E_DATABASE_URL_FILE } from './lib/e2e-database-url';
import { createThrowawayDatabase, type ThrowawayDatabase } from './lib/throwaway-database';

/**
 * The app as the browser tests see it: a production build (`next start`) on a fresh, migrated and
 * seeded database with the embedded auth server. PostgreSQL when TEST_DATABASE_URL is set (a new
 * database on that server), otherwise an in-memory embedded PGlite served from this process.
 * Billing is configured against the fake Stripe server (tests/support/fake-stripe.ts), started
 * here on an ephemeral port: its hosted Checkout and portal pages are what the browser visits,
 * and it delivers signed webhooks to the app's /billing/webhook as Stripe would.
 *
 * Playwright starts it (webServer in playwright.config.ts) and stops it with SIGTERM; on SIGTERM,
 * SIGINT or when `next start` exits, it stops the server and drops the database, then exits.
 * While it runs, the database URL is in E2E_DATABASE_URL_FILE for tests that must act as the
 * server (e2e/database.ts). Run `next build` first.
 */

const port = Number(process.env.E2E_PORT ?? '3100');
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`e2e-server: E2E_PORT must be a port number, got ${JSON.stringify(process.env.E2E_PORT)}`);
  process.exit(1);
}

if (!existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
  console.error('e2e-server: no production build found (.next/BUILD_ID is missing). Run `npx next build` first.');
  process.exit(1);
}

const log = (message: string) => console.log(`e2e-server: ${message}`);

// Set once each is started; stop() cleans up whatever exists by then.
const started: { database?: Promise<ThrowawayDatabase>; next?: ChildProcess; stripe?: FakeStripe } = {};
let stopping: Promise<never> | undefined;

function waitForExit(proc: ChildProcess, timeoutMs: number): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    try {
      if (started.next) {
        started.next.kill('SIGTERM');
        await waitForExit(started.next, 5_000);
      }
      rmSync(E2E_DATABASE_URL_FILE, { force: true });
      await started.stripe?.close();
      // If a signal arrives while the database is being created, wait for it so it can be dropped.
      const database = await started.database?.catch(() => undefined);
      if (database) {
        await database.drop();
        log(database.embedded ? 'embedded database stopped' : `database ${new URL(database.url).pathname.slice(1)} dropped`);
      }
    } catch (error) {
      console.error('e2e-server: cleanup failed', error);
      code ||= 1;
    }
    process.exit(code);
  })();
  return stopping;
}

process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));

const signingKey = await generateSigningKey();
try {
  started.stripe = await startFakeStripe({ webhookUrl: `http://localhost:${port}/billing/webhook` });
} catch (error) {
  console.error('e2e-server: could not start the fake Stripe server', error);
  process.exit(1);
}
log(`fake Stripe on ${started.stripe.url}, delivering webhooks to /billing/webhook`);
started.database = createThrowawayDatabase({ serverUrl: process.env.TEST_DATABASE_URL });
let database: ThrowawayDatabase;
try {
  database = await started.database;
} catch (error) {
  console.error('e2e-server: could not create the test database', error);
  process.exit(1);
}
const databaseName = new URL(database.url).pathname.slice(1);
log(database.embedded ? 'embedded database (PGlite) ready' : `PostgreSQL test database ${databaseName} ready`);
// A signal arrived while the database was being created: stop() drops it and exits. From here
// to spawn() nothing awaits, so a later signal always finds the child to stop.
if (stopping) await stopping;
try {
  mkdirSync(path.dirname(E2E_DATABASE_URL_FILE), { recursive: true });
  writeFileSync(E2E_DATABASE_URL_FILE, database.url, { mode: 0o600 });
} catch (error) {
  console.error(`e2e-server: could not write ${E2E_DATABASE_URL_FILE}`, error);
  await stop(1);
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...fakeStripeEnv(started.stripe),
  NODE_ENV: 'production',
  PORT: String(port),
  DATABASE_URL: database.url,
  DATABASE_POOL_MAX: database.embedded ? '1' : '4',
  AUTH_MODE: 'embedded',
  // A local production build: the one place besides the benchmarks where embedded auth may run so.
  ALLOW_EMBEDDED_AUTH_IN_PRODUCTION: '1',
  EMBEDDED_AUTH_SIGNING_KEY: signingKey,
  SITE_URL: `http://localhost:${port}`,
  LOG_LEVEL: 'warn',
  // Offline answers arrive in four chunks 0.7 s apart, so a test can act mid-answer on a busy machine.
  OFFLINE_STREAM_DELAY_MS: '700',
  // The browser tests sign GitHub deliveries with the same value (e2e/code-repo.ts).
  CODE_REPO_WEBHOOK_SECRET: E2E_CODE_REPO_SECRET,
};
// Nothing from the developer's shell may point the app at a real project or error tracker.
for (const name of [
  'SENTRY_DSN',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'SUPABASE_URL',
  'SUPABASE_ANON_KEY',
  'NEXT_PUBLIC_SUPABASE_URL',
  'NEXT_PUBLIC_SUPABASE_ANON_KEY',
  'VERCEL',
  'VERCEL_ENV',
  'TEST_DATABASE_URL',
]) {
  delete env[name];
}

const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], { stdio: 'inherit', env });
started.next = child;
log(`next start on http://localhost:${port}`);
child.on('error', (error) => {
  console.error('e2e-server: could not start next', error);
  void stop(1);
});
child.on('exit', (code, signal) => {
  if (!stopping) console.error(`e2e-server: next start exited (${signal ?? `code ${code}`})`);
  void stop(stopping ? 0 : code || 1);
});
