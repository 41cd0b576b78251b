import { createHmac, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { hashPassword } from '@/lib/auth/embedded/passwords';
import { createSql } from '@/lib/db/client';
import { createThrowawayDatabase } from '@/scripts/lib/throwaway-database';
import { seededRandom } from '@/tests/support/seeded-random';
import { summarize, startApp, type RunningApp } from './support';

/**
 * npm run bench:load — a mixed workload from many virtual users at once against a production
 * build (which must exist: `npx next build`) on a throwaway database on the local PostgreSQL, with
 * the offline provider. Every user has an account made up front (straight into auth.users with one
 * password hash, then one sign-in each, so the real sign-in and sign-up budgets are kept), the
 * enterprise plan (no monthly limit cuts runs short) and a connected repository. Each user then
 * loops until the duration is over: browse (templates, threads, me), assemble a prompt, run it and
 * read the stream to its end, give feedback on the run, read usage, and receive a signed webhook
 * delivery for its repository, with think time between steps.
 *
 * Rate limits stay as in production (RATE_LIMIT_SCALE=1): the routes of a signed-in user are
 * budgeted per user, so many users from one address are not refused, and the think time keeps
 * each user under their own budgets. Any 429 is counted apart from errors and reported.
 * BENCH_RATE_LIMIT_SCALE overrides the scale.
 *
 * Per route: count, p50 / p95 / p99, error rate (non-2xx other than 429, failed streams, network
 * errors), 5xx and 429, next to the runbook's alerts (p95 > 2 s, error rate > 1 %).
 *
 * Flags: --duration seconds (60), --users (200), --think-ms mean think time (2000).
 * Env: BENCH_PORT (3240), BENCH_POOL_MAX (10), BENCH_RATE_LIMIT_SCALE (1), TEST_DATABASE_URL.
 */

const { values: flags } = parseArgs({
  options: { duration: { type: 'string', default: '60' }, users: { type: 'string', default: '200' }, 'think-ms': { type: 'string', default: '2000' } },
});
const DURATION_S = Number(flags.duration);
const USERS = Number(flags.users);
const THINK_MS = Number(flags['think-ms']);
for (const [name, value] of [['--duration', DURATION_S], ['--users', USERS], ['--think-ms', THINK_MS]] as const) {
  if (!Number.isFinite(value) || value < 0 || (name !== '--think-ms' && value < 1)) {
    console.error(`${name} must be a positive number`);
    process.exit(1);
  }
}
const PORT = Number(process.env.BENCH_PORT ?? 3240);
const POOL_MAX = Number(process.env.BENCH_POOL_MAX ?? 10);
const RATE_LIMIT_SCALE = process.env.BENCH_RATE_LIMIT_SCALE ?? '1';
const REQUEST_TIMEOUT_MS = 30_000;
const ALERT_P95_MS = 2000;
const ALERT_ERROR_RATE = 0.01;
const SIGN_IN_CONCURRENCY = 4;
const PASSWORD = 'load-benchmark-password';
const TASK = 'Write the announcement of our public beta for existing customers';
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const base = `http://127.0.0.1:${PORT}`;
const webhookSecret = `bench-load-${randomUUID()}`;

if (!existsSync('.next/BUILD_ID')) {
  console.error('No production build here: run `npx next build` first, then npm run bench:load.');
  process.exit(1);
}

interface RouteStats {
  latencies: number[];
  errors: number;
  serverErrors: number;
  limited: number;
}
const stats = new Map<string, RouteStats>();
const ROUTES = [
  'GET /api/templates',
  'GET /api/threads',
  'GET /api/me',
  'POST /api/assemble-prompt',
  'POST /api/runs (stream read to its end)',
  'POST /api/runs/:id/feedback',
  'GET /api/usage',
  'POST /webhooks/code-repo',
] as const;
type Route = (typeof ROUTES)[number];
for (const route of ROUTES) stats.set(route, { latencies: [], errors: 0, serverErrors: 0, limited: 0 });
const failures = new Map<string, number>();
const webhookOutcomes = new Map<string, number>();

/** Times one request, reading its body to the end; `check` says whether a 2xx answer really succeeded. */
async function timed(route: Route, path: string, init: RequestInit, check?: (body: string) => string | null): Promise<string | null> {
  const entry = stats.get(route)!;
  const started = performance.now();
  let status = 0;
  let body = '';
  let failure: string | null = null;
  try {
    const response = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    status = response.status;
    body = await response.text();
    if (status < 200 || status > 299) failure = `${status} ${body.slice(0, 160)}`;
    else failure = check?.(body) ?? null;
  } catch (error) {
    failure = `network: ${(error as Error).message}`;
  }
  entry.latencies.push(performance.now() - started);
  if (status === 429) entry.limited += 1;
  else if (failure) {
    entry.errors += 1;
    if (status >= 500) entry.serverErrors += 1;
    const key = `${route}: ${failure.slice(0, 200)}`;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  }
  return failure ? null : body;
}

interface VirtualUser {
  auth: Record<string, string>;
  repository: string;
  next: () => number;
}

function signedDelivery(repository: string, n: number) {
  const body = JSON.stringify({
    action: 'opened',
    issue: {
      number: n,
      title: `The export is broken on mobile (${n})`,
      html_url: `https://github.com/${repository}/issues/${n}`,
      body: 'Steps:\n1. open the export\n2. it fails\n\nExpected it to work.',
      user: { login: 'octocat' },
    },
    repository: { full_name: repository },
    sender: { login: 'octocat' },
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': `sha256=${createHmac('sha256', webhookSecret).update(body).digest('hex')}`,
    },
  };
}

/** One user's loop of the mixed workload until `endsAt`; every wait and request is bounded. */
async function virtualUser(user: VirtualUser, endsAt: number, { thinkMs = THINK_MS, rounds = Infinity } = {}): Promise<void> {
  const think = async () => {
    const ms = thinkMs * (0.5 + user.next());
    if (performance.now() + ms < endsAt) await new Promise((resolve) => setTimeout(resolve, ms));
  };
  const json = { ...user.auth, 'content-type': 'application/json' };
  let n = 0;
  // Users start spread over one think time, as people arrive, not all in the same millisecond.
  await new Promise((resolve) => setTimeout(resolve, thinkMs * user.next()));
  const steps: (() => Promise<void>)[] = [
    async () => void (await timed('GET /api/templates', '/api/templates', { headers: user.auth })),
    async () => void (await timed('GET /api/threads', '/api/threads', { headers: user.auth })),
    async () => void (await timed('GET /api/me', '/api/me', { headers: user.auth })),
    async () => void (await timed('POST /api/assemble-prompt', '/api/assemble-prompt', { method: 'POST', headers: json, body: JSON.stringify({ task: TASK }) })),
    async () => {
      let runId: string | undefined;
      const stream = await timed(
        'POST /api/runs (stream read to its end)',
        '/api/runs',
        { method: 'POST', headers: json, body: JSON.stringify({ task: TASK, outputType: 'content' }) },
        (body) => {
          const lines = body.trim().split('\n');
          const last = lines.at(-1) ?? '';
          if (!last.startsWith('{"type":"done"')) return `stream ended without done: ${last.slice(0, 160)}`;
          runId = (JSON.parse(lines[0]!) as { run: { id: string } }).run.id;
          return null;
        },
      );
      if (stream && runId) {
        await think();
        if (performance.now() >= endsAt) return;
        await timed('POST /api/runs/:id/feedback', `/api/runs/${runId}/feedback`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ feedback: user.next() < 0.8 ? 'approved' : 'rejected' }),
        });
      }
    },
    async () => void (await timed('GET /api/usage', '/api/usage', { headers: user.auth })),
    async () => {
      const delivery = signedDelivery(user.repository, ++n);
      await timed('POST /webhooks/code-repo', '/webhooks/code-repo', { method: 'POST', headers: delivery.headers, body: delivery.body }, (body) => {
        const { outcome } = JSON.parse(body) as { outcome: string };
        webhookOutcomes.set(outcome, (webhookOutcomes.get(outcome) ?? 0) + 1);
        // A 202 for a repository nobody connected would mean the delivery measured nothing.
        return outcome === 'unknown_repository' ? 'the connected repository was not recognised' : null;
      });
    },
  ];
  for (let round = 0; round < rounds && performance.now() < endsAt; round++) {
    for (const step of steps) {
      if (performance.now() >= endsAt) return;
      await step();
      await think();
    }
  }
}

let app: RunningApp | undefined;
const database = await createThrowawayDatabase({ serverUrl });
const sql = createSql(database.url, 4);
try {
  process.env.BENCH_SKIP_BUILD = '1';
  app = await startApp(PORT, {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(POOL_MAX),
    CODE_REPO_WEBHOOK_SECRET: webhookSecret,
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    OFFLINE_STREAM_DELAY_MS: '2',
    RATE_LIMIT_SCALE,
  });

  // Accounts up front: one password hash for all, each user's row, plan and repository, then one
  // sign-in per account (the sign-in budget is per address and email, so one each is within it).
  console.log(`Making ${USERS} accounts…`);
  const passwordHash = await hashPassword(PASSWORD);
  const accounts: { id: string; email: string; repository: string }[] = [];
  for (let u = 0; u < USERS; u++) {
    const id = randomUUID();
    const email = `bench-load-${u}-${id.slice(0, 8)}@example.com`;
    const repository = `load-${u}-${id.slice(0, 6)}/api`;
    await sql`insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at)
              values (${id}, 'authenticated', 'authenticated', ${email}, ${passwordHash}, now())`;
    await sql.begin(async (tx) => {
      await tx`select set_config('role', 'service_role', true)`;
      await tx`select private.set_billing_profile(${id}::uuid, 'enterprise', 'active', null)`;
    });
    await sql`insert into public.connected_repositories (user_id, full_name) values (${id}, ${repository})`;
    accounts.push({ id, email, repository });
  }
  const users: VirtualUser[] = [];
  let cursor = 0;
  await Promise.all(
    Array.from({ length: SIGN_IN_CONCURRENCY }, async () => {
      while (cursor < accounts.length) {
        const account = accounts[cursor]!;
        const index = cursor++;
        const response = await fetch(`${base}/auth/v1/token?grant_type=password`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: account.email, password: PASSWORD }),
        });
        if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
        const session = (await response.json()) as { access_token: string };
        users.push({ auth: { authorization: `Bearer ${session.access_token}` }, repository: account.repository, next: seededRandom(20_261_201 + index) });
      }
    }),
  );

  // Warm-up: every route once, so the first measured requests do not pay for compilation caches.
  await virtualUser({ ...users[0]!, next: seededRandom(1) }, performance.now() + 60_000, { thinkMs: 0, rounds: 2 });
  for (const entry of stats.values()) Object.assign(entry, { latencies: [], errors: 0, serverErrors: 0, limited: 0 });
  failures.clear();
  webhookOutcomes.clear();

  console.log(
    `\n${USERS} virtual users for ${DURATION_S} s, think time ${THINK_MS} ms on average; app pool ${POOL_MAX}, rate-limit scale ${RATE_LIMIT_SCALE}, offline provider, PostgreSQL at ${new URL(serverUrl).host}\n`,
  );
  const startedAt = performance.now();
  const endsAt = startedAt + DURATION_S * 1000;
  const clientCpu = process.cpuUsage();
  const serverCpuBefore = app.cpuMs();
  await Promise.all(users.map((user) => virtualUser(user, endsAt)));
  const seconds = (performance.now() - startedAt) / 1000;
  // Where the time went: a client (this process) near a whole core would queue its own requests,
  // and its latencies would then be its own as much as the server's.
  const clientUsed = process.cpuUsage(clientCpu);
  const busy = {
    client: (clientUsed.user + clientUsed.system) / 1000 / (seconds * 1000),
    server: (app.cpuMs() - serverCpuBefore) / (seconds * 1000),
  };

  const header = `${'route'.padEnd(40)} ${'count'.padStart(7)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'errors'.padStart(8)} ${'5xx'.padStart(5)} ${'429'.padStart(5)}  p95 vs 2 s alert`;
  console.log(header);
  console.log('-'.repeat(header.length));
  let met = true;
  const all: RouteStats = { latencies: [], errors: 0, serverErrors: 0, limited: 0 };
  const row = (name: string, entry: RouteStats) => {
    const summary = summarize(entry.latencies);
    const rate = entry.latencies.length ? entry.errors / entry.latencies.length : 0;
    const alert = summary.count === 0 ? 'no requests' : summary.p95 > ALERT_P95_MS ? 'OVER' : rate > ALERT_ERROR_RATE ? 'ok (error rate over 1 %)' : 'ok';
    console.log(
      `${name.padEnd(40)} ${String(summary.count).padStart(7)} ${summary.p50.toFixed(1).padStart(9)} ${summary.p95.toFixed(1).padStart(9)} ${summary.p99.toFixed(1).padStart(9)} ${`${(rate * 100).toFixed(2)}%`.padStart(8)} ${String(entry.serverErrors).padStart(5)} ${String(entry.limited).padStart(5)}  ${alert}`,
    );
    return summary;
  };
  for (const [name, entry] of stats) {
    const summary = row(name, entry);
    if (summary.count === 0 || summary.p95 > ALERT_P95_MS || entry.serverErrors > 0) met = false;
    all.latencies.push(...entry.latencies);
    all.errors += entry.errors;
    all.serverErrors += entry.serverErrors;
    all.limited += entry.limited;
  }
  console.log('-'.repeat(header.length));
  row('all routes', all);

  console.log(`\n${all.latencies.length} requests in ${seconds.toFixed(1)} s (${(all.latencies.length / seconds).toFixed(0)} req/s)`);
  console.log(`CPU over the load, share of one core: server ${(busy.server * 100).toFixed(0)} %, load generator (this process) ${(busy.client * 100).toFixed(0)} %`);
  console.log(`rate-limited (429, not counted as errors): ${all.limited}`);
  console.log(`webhook outcomes: ${[...webhookOutcomes.entries()].map(([outcome, count]) => `${outcome} ${count}`).join(', ') || 'none'}`);
  console.log(`runbook alerts: p95 > ${ALERT_P95_MS} ms and error rate > ${ALERT_ERROR_RATE * 100} %; overall error rate ${((all.errors / Math.max(1, all.latencies.length)) * 100).toFixed(2)} %`);
  if (failures.size > 0) {
    console.log('\nfailures (first kinds):');
    for (const [failure, count] of [...failures.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${count} × ${failure}`);
  }
  console.log(`\ntarget: 0 5xx and p95 ≤ ${ALERT_P95_MS} ms on every route (${met ? 'met' : 'NOT met'})`);
} finally {
  await app?.stop();
  await sql.end({ timeout: 5 });
  await database.drop();
}
