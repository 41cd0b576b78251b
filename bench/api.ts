import autocannon from 'autocannon';
import { generateSigningKey } from '@/lib/auth/embedded/signing-key';
import { closePool, createSql, type Queryable } from '@/lib/db/client';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { createThrowawayDatabase } from '@/scripts/lib/throwaway-database';
import { measureServerCpu, printTable, printChecks, summarize, type Summary, startApp, type RunningApp } from './support';

/**
 * npm run bench:api — builds and starts the app on the local PostgreSQL and loads:
 *   GET /api/health, and GET /api/me (authenticated, one RLS read of the caller's profile),
 * then runs the same profile query directly with the same driver (postgres.js) at the same
 * concurrency: bare, and wrapped the way the app wraps it (transaction + role + claims).
 * Reports p50/p95/p99 and the ratio route p95 / SQL p95. All figures come from one run.
 *
 * Latency on a shared machine swings with whatever else runs; the server's CPU time per request
 * (user + system time of the server's processes over a load, divided by the requests it served)
 * does not, so the route's own cost is judged on that: /api/me at most 1.3× /api/health.
 *
 * BENCH_DURATION (seconds, default 20), BENCH_CONNECTIONS (default 32), BENCH_SKIP_BUILD=1.
 */

const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const POOL_MAX = Number(process.env.BENCH_POOL_MAX ?? 10);
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const base = `http://127.0.0.1:${PORT}`;

async function load(path: string, headers: Record<string, string> = {}): Promise<{ summary: Summary; non2xx: number; rps: number; served: number }> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: DURATION, headers }, (error, done) =>
      error ? reject(error) : resolve(done),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return { summary: summarize(latencies), non2xx: result.non2xx, rps: result.requests.average, served: result.requests.total };
}

/** CONNECTIONS concurrent callers issuing fn back to back for DURATION seconds. */
async function loadSql(fn: () => Promise<unknown>): Promise<{ summary: Summary; rps: number }> {
  const latencies: number[] = [];
  const end = performance.now() + DURATION * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        await fn();
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { summary: summarize(latencies), rps: latencies.length / DURATION };
}

let app: RunningApp | undefined;
const signingKey = await generateSigningKey();
const database = await createThrowawayDatabase({ serverUrl });
try {
  app = await startApp(PORT, {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(POOL_MAX),
    EMBEDDED_AUTH_SIGNING_KEY: signingKey,
  });

  const signUp = await fetch(`${base}/auth/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-${Date.now()}@example.com`, password: 'benchmark-password' }),
  });
  const session = (await signUp.json()) as { access_token: string; user: { id: string; email: string } };
  const auth = { authorization: `Bearer ${session.access_token}` };
  if ((await fetch(`${base}/api/me`, { headers: auth })).status !== 200) throw new Error('authenticated read failed');

  // Warm-up so JIT, JWKS cache and pool are in their steady state.
  await fetch(`${base}/api/health`);
  for (let i = 0; i < 50; i++) await fetch(`${base}/api/me`, { headers: auth });

  console.log(`Load: ${CONNECTIONS} connections, ${DURATION} s each, app pool ${POOL_MAX}, PostgreSQL at ${new URL(serverUrl).host}\n`);
  const healthCpu = await measureServerCpu(app, () => load('/api/health'), (result) => result.served);
  const meCpu = await measureServerCpu(app, () => load('/api/me', auth), (result) => result.served);
  const health = healthCpu.result;
  const me = meCpu.result;

  const sql = createSql(database.url, POOL_MAX);
  const userId = session.user.id;
  const profileQuery = (db: Queryable) =>
    db`select user_id, display_name, timezone, role, subscription_tier, subscription_status, onboarding_step, private.is_admin() as is_admin
        from public.user_profiles where user_id = ${userId}`;
  const bare = await loadSql(() => profileQuery(sql));
  // The app's own transaction wrapper, on its own pool of the same size, in this process.
  Object.assign(process.env, { DATABASE_URL: database.url, DATABASE_POOL_MAX: String(POOL_MAX), AUTH_MODE: 'embedded', EMBEDDED_AUTH_SIGNING_KEY: signingKey });
  const claims = { sub: userId, role: 'authenticated', aud: 'authenticated', email: session.user.email };
  const asUser = await loadSql(() => withUserTransaction(claims, profileQuery));
  await closePool();
  await sql.end();

  printTable([
    { name: 'GET /api/health (route)', summary: health.summary, extra: `${health.rps.toFixed(0)} req/s, non-2xx ${health.non2xx}` },
    { name: 'GET /api/me (route, authenticated RLS read)', summary: me.summary, extra: `${me.rps.toFixed(0)} req/s, non-2xx ${me.non2xx}` },
    { name: 'SQL: profile query, bare', summary: bare.summary, extra: `${bare.rps.toFixed(0)} q/s` },
    { name: 'SQL: same query via withUserTransaction', summary: asUser.summary, extra: `${asUser.rps.toFixed(0)} q/s` },
  ]);
  console.log(`\nratio route p95 / bare SQL p95:           ${(me.summary.p95 / bare.summary.p95).toFixed(2)}`);
  console.log(`ratio route p95 / withUserTransaction p95:  ${(me.summary.p95 / asUser.summary.p95).toFixed(2)}`);
  console.log('ratio goal: route p95 / SQL p95 <= 3 (the ratios above)');
  const cpuRatio = meCpu.perRequestMs / healthCpu.perRequestMs;
  console.log(`\nserver CPU per request (user + system over the load / requests served):`);
  console.log(`  GET /api/health: ${healthCpu.perRequestMs.toFixed(3)} ms (${healthCpu.cpuMs.toFixed(0)} ms over ${health.served} requests)`);
  console.log(`  GET /api/me:     ${meCpu.perRequestMs.toFixed(3)} ms (${meCpu.cpuMs.toFixed(0)} ms over ${me.served} requests)`);
  console.log(`  ratio /api/me / /api/health: ${cpuRatio.toFixed(2)}`);
  const met = printChecks([
    { what: `authenticated read p95 (${me.summary.p95.toFixed(2)} ms) <= 25 ms`, met: me.summary.p95 <= 25 },
    { what: `/api/me CPU per request (${cpuRatio.toFixed(2)}× /api/health's) <= 1.3×`, met: cpuRatio <= 1.3 },
  ]);
  console.log(`target: authenticated read p95 <= 25 ms and /api/me CPU per request <= 1.3 × /api/health's (${met ? 'met' : 'NOT met'})`);
} finally {
  await app?.stop();
  await database.drop();
}
