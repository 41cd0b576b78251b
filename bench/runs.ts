import { spawn } from 'node:child_process';
import { createSql } from '@/lib/db/client';
import { createThrowawayDatabase } from '@/scripts/lib/throwaway-database';
import { measureServerCpu, printTable, printChecks, summarize, startApp, type RunningApp } from './support';

/**
 * npx tsx bench/runs.ts — the overhead of a run through our route over calling the provider
 * directly. A local OpenAI-compatible server (tests/support/fake-openai.ts, in a process of its
 * own: bench/processes/fake-provider.ts) answers every chat completion after a fixed 50 ms before
 * its first token, in a few chunks. The app is built and started on a throwaway database on the
 * local PostgreSQL, pointed at that server, and 300 runs at 8 concurrent go through
 * POST /api/runs; then the same number of calls with the same prompts go straight to the server
 * with the `openai` SDK. Both start after a warm-up of WARM_UP calls (a server in service is
 * warm). Time to first token (first delta) and total time are measured on the client for both;
 * the overhead is route minus direct.
 *
 * Conversations add context to runs, so the route is measured twice: runs that each start a new
 * conversation, and follow-ups (each concurrent client keeps a conversation going for
 * TURNS_PER_CONVERSATION follow-ups, then starts another, so every run reads and carries the
 * earlier turns). The target is that follow-ups cost no more overhead than new conversations
 * (within 5 ms at p95, the noise of these machines).
 *
 * Latency on a shared machine swings with whatever else runs, so the route's own cost is also
 * measured as CPU time: the server's user + system time over the runs divided by the runs, minus
 * the CPU the same provider call costs a client by itself (the direct calls run in a process of
 * their own, bench/processes/direct-calls.ts, which reports its CPU). Targets: at most 3 ms of
 * server CPU per run on top of the provider call, and an overhead p95 (time to first token) of at
 * most 15 ms at 8 concurrent.
 *
 * BENCH_RUNS (default 300), BENCH_CONCURRENCY (default 8), BENCH_SKIP_BUILD=1, BENCH_PORT (3210).
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 3210);
const FIRST_TOKEN_DELAY_MS = 50;
// A server in service has run its hot paths thousands of times; V8 optimises a function only after
// many calls, so the measured runs start once the route has served this many, at full concurrency.
const WARM_UP = 200;
const TASK = 'Write the announcement of our public beta for existing customers';
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const base = `http://127.0.0.1:${PORT}`;
const API_KEY = 'sk-bench-0123456789abcdefghijkl';

interface Timing {
  firstToken: number;
  total: number;
}

/** `count` calls of fn, `concurrency` at a time. */
async function pool(count: number, concurrency: number, fn: () => Promise<Timing>): Promise<Timing[]> {
  const timings: Timing[] = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < count) {
        started += 1;
        timings.push(await fn());
      }
    }),
  );
  return timings;
}

/** One run through the route, reading the NDJSON stream as a browser would; a follow-up when threadId is given. */
async function viaRoute(auth: Record<string, string>, threadId?: string): Promise<Timing & { threadId: string; carried: number }> {
  const started = performance.now();
  const response = await fetch(`${base}/api/runs`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ task: TASK, outputType: 'content', ...(threadId ? { threadId } : {}) }),
  });
  if (response.status !== 200 || !response.body) throw new Error(`POST /api/runs answered ${response.status}: ${await response.text()}`);
  const decoder = new TextDecoder();
  let buffered = '';
  let firstToken = NaN;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    if (Number.isNaN(firstToken) && buffered.includes('"type":"delta"')) firstToken = performance.now() - started;
  }
  const total = performance.now() - started;
  const lines = buffered.trim().split('\n');
  const last = lines.at(-1) ?? '';
  if (!last.startsWith('{"type":"done"')) throw new Error(`the run did not succeed: ${last.slice(0, 300)}`);
  const run = (JSON.parse(lines[0]!) as { run: { threadId: string; threadContext: { runIds: string[] } } }).run;
  return { firstToken, total, threadId: run.threadId, carried: run.threadContext.runIds.length };
}

/** How many follow-ups a conversation gets before its client starts another (each carries the earlier turns). */
const TURNS_PER_CONVERSATION = 12;

/**
 * `count` follow-ups, `concurrency` conversations at a time; each conversation is started by one
 * untimed run and gets TURNS_PER_CONVERSATION follow-ups, so how much a follow-up carries does not
 * depend on BENCH_RUNS. Answers the timings and how many runs were served in all.
 */
async function followUps(auth: Record<string, string>, count: number, concurrency: number): Promise<{ timings: (Timing & { carried: number })[]; served: number }> {
  const timings: (Timing & { carried: number })[] = [];
  let started = 0;
  let served = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      let threadId: string | undefined;
      let turns = 0;
      while (started < count) {
        started += 1;
        if (!threadId || turns === TURNS_PER_CONVERSATION) {
          threadId = (await viaRoute(auth)).threadId;
          served += 1;
          turns = 0;
        }
        timings.push(await viaRoute(auth, threadId));
        served += 1;
        turns += 1;
      }
    }),
  );
  return { timings, served };
}

/** The same completions straight from the provider with the SDK, in a process of their own (processes/direct-calls.ts). */
async function directCalls(job: { baseURL: string; apiKey: string; prompts: { system: string; user: string }; count: number; concurrency: number; warmUp: number }): Promise<{ timings: Timing[]; cpuMs: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/processes/direct-calls.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(job));
  const chunks: Buffer[] = [];
  for await (const chunk of child.stdout) chunks.push(chunk as Buffer);
  const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  if (code !== 0) throw new Error(`the direct calls failed (exit ${code})`);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timings: Timing[]; cpuMs: number };
}

let app: RunningApp | undefined;
/** The local provider, in a process of its own (processes/fake-provider.ts); answers its URL and a way to stop it. */
async function startProvider(): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/processes/fake-provider.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_FIRST_TOKEN_DELAY_MS: String(FIRST_TOKEN_DELAY_MS) },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.includes('\n')) resolve(buffered.trim());
    });
    child.once('exit', (code) => reject(new Error(`the fake provider exited (${code}) before it listened`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

const fake = await startProvider();
const database = await createThrowawayDatabase({ serverUrl });
try {
  app = await startApp(PORT, {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '10',
    OPENAI_API_KEY: API_KEY,
    OPENAI_BASE_URL: fake.url,
    OPENAI_MODEL: 'gpt-4o-mini',
  });

  const signUp = await fetch(`${base}/auth/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bench-runs-${Date.now()}@example.com`, password: 'benchmark-password' }),
  });
  const session = (await signUp.json()) as { access_token: string; user: { id: string } };
  const auth = { authorization: `Bearer ${session.access_token}` };

  // Enterprise has no monthly limit, and its daily cap holds the warm-up and both rounds of runs.
  const sql = createSql(database.url, 1);
  await sql`update public.user_profiles set subscription_tier = 'enterprise' where user_id = ${session.user.id}`;

  await pool(WARM_UP, CONCURRENCY, () => viaRoute(auth));
  // The direct calls send exactly the prompts the route sent.
  const [prompts] = await sql<{ system: string; user: string }[]>`
    select system_prompt as system, user_prompt as "user" from public.agent_runs where user_id = ${session.user.id} limit 1`;
  await sql.end();

  console.log(`\n${RUNS} runs, ${CONCURRENCY} concurrent; the provider waits ${FIRST_TOKEN_DELAY_MS} ms before its first token, then sends 5 chunks.`);
  console.log(`Prompt: ${prompts!.system.length + prompts!.user.length} characters; PostgreSQL at ${new URL(serverUrl).host}\n`);
  const routeCpu = await measureServerCpu(app, () => pool(RUNS, CONCURRENCY, () => viaRoute(auth)), (timings) => timings.length);
  const route = routeCpu.result;
  const direct = await directCalls({ baseURL: fake.url, apiKey: API_KEY, prompts: prompts!, count: RUNS, concurrency: CONCURRENCY, warmUp: WARM_UP });
  const straight = direct.timings;
  const followCpu = await measureServerCpu(app, () => followUps(auth, RUNS, CONCURRENCY), (result) => result.served);
  const { timings: followed, served: followServed } = followCpu.result;
  const carried = followed.map((timing) => timing.carried);

  const summary = (timings: Timing[], key: keyof Timing) => summarize(timings.map((timing) => timing[key]));
  const rows = {
    routeFirst: summary(route, 'firstToken'),
    directFirst: summary(straight, 'firstToken'),
    routeTotal: summary(route, 'total'),
    directTotal: summary(straight, 'total'),
    followFirst: summary(followed, 'firstToken'),
    followTotal: summary(followed, 'total'),
  };
  printTable([
    { name: 'POST /api/runs: time to first token', summary: rows.routeFirst },
    { name: 'direct SDK call: time to first token', summary: rows.directFirst },
    { name: 'POST /api/runs: total', summary: rows.routeTotal },
    { name: 'direct SDK call: total', summary: rows.directTotal },
    { name: 'POST /api/runs follow-up: time to first token', summary: rows.followFirst },
    { name: 'POST /api/runs follow-up: total', summary: rows.followTotal },
  ]);
  const overhead = (a: number, b: number) => `${(a - b).toFixed(2)} ms`;
  console.log(`\noverhead, time to first token: p50 ${overhead(rows.routeFirst.p50, rows.directFirst.p50)}, p95 ${overhead(rows.routeFirst.p95, rows.directFirst.p95)}`);
  console.log(`overhead, total:               p50 ${overhead(rows.routeTotal.p50, rows.directTotal.p50)}, p95 ${overhead(rows.routeTotal.p95, rows.directTotal.p95)}`);
  console.log(
    `overhead, follow-ups:           p50 ${overhead(rows.followFirst.p50, rows.directFirst.p50)}, p95 ${overhead(rows.followFirst.p95, rows.directFirst.p95)} (time to first token; ` +
      `each carried ${Math.min(...carried)}–${Math.max(...carried)} earlier turns)`,
  );
  const p95Overhead = rows.routeFirst.p95 - rows.directFirst.p95;
  const p95FollowUp = rows.followFirst.p95 - rows.directFirst.p95;
  const directCpu = direct.cpuMs / straight.length;
  const onTop = routeCpu.perRequestMs - directCpu;
  const onTopFollow = followCpu.perRequestMs - directCpu;
  console.log(`\nCPU per run (user + system over the runs / runs):`);
  console.log(`  server, POST /api/runs:            ${routeCpu.perRequestMs.toFixed(2)} ms (${routeCpu.cpuMs.toFixed(0)} ms over ${route.length} runs)`);
  console.log(`  server, follow-ups:                ${followCpu.perRequestMs.toFixed(2)} ms (${followCpu.cpuMs.toFixed(0)} ms over ${followServed} runs)`);
  console.log(`  client, direct provider call:      ${directCpu.toFixed(2)} ms (${direct.cpuMs.toFixed(0)} ms over ${straight.length} calls)`);
  console.log(`  on top of the provider call:       ${onTop.toFixed(2)} ms new, ${onTopFollow.toFixed(2)} ms follow-up`);
  const met = printChecks([
    { what: `overhead p95 (${p95Overhead.toFixed(2)} ms) <= 15 ms at ${CONCURRENCY} concurrent`, met: p95Overhead <= 15 },
    { what: `server CPU per run on top of the provider call (${onTop.toFixed(2)} ms) <= 3 ms`, met: onTop <= 3 },
    { what: `follow-ups' overhead p95 (${p95FollowUp.toFixed(2)} ms) <= new conversations' (${p95Overhead.toFixed(2)} ms) + 5 ms`, met: p95FollowUp <= p95Overhead + 5 },
  ]);
  console.log(
    `target: overhead p95 <= 15 ms at ${CONCURRENCY} concurrent, <= 3 ms of server CPU per run on top of the provider call, follow-ups within 5 ms of new conversations at p95 (${met ? 'met' : 'NOT met'})`,
  );
} finally {
  await app?.stop();
  await database.drop();
  await fake.close();
}
