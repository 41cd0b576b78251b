import { createHmac, randomUUID } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import { createSql } from '@/lib/db/client';
import { QUEUE_SCHEMA } from '@/lib/events/event-queue';
import { queueDb } from '@/lib/events/queue-db';
import { createThrowawayDatabase } from '@/scripts/lib/throwaway-database';
import { seededRandom } from '@/tests/support/seeded-random';
import { load, printTable, summarize, startApp, type RunningApp, type Summary } from './support';

/**
 * npm run bench:events — GitHub's deliveries to POST /webhooks/code-repo and the suggestions they
 * become. The app is built and started on a throwaway database on the local PostgreSQL with the
 * offline provider (no OpenAI key), a webhook secret and a cron secret. Several users, each on the
 * enterprise plan (so no usage limit skips an event) with auto-suggest on, connect a few
 * repositories each. Then 1,000 deliveries (pull_request opened / synchronize / reopened / closed,
 * merged or not, workflow_run completed, issues opened, with payloads shaped like GitHub's), each
 * signed with X-Hub-Signature-256 just before it is sent and outside the timing, go 16 at a time.
 * Measured: the ack (p50/p95/p99, deliveries/s), then the time from the first delivery until every
 * event's suggestion is stored (drained by the app's after() drains, and by the maintenance cron
 * called with CRON_SECRET if any are left), as events/s. Next to it, on the same database in the
 * same run, pg-boss itself: send, fetch and complete of the same number of trivial jobs on a fresh
 * queue in the app's pgboss schema (removed at the end), through the app's database adapter and
 * pool size, and the ratio; and GET /health at the same concurrency, the floor of any route here.
 *
 * BENCH_DELIVERIES (1000), BENCH_CONCURRENCY (16), BENCH_POOL_MAX (10), BENCH_USERS (8),
 * BENCH_REPOSITORIES (3 per user), BENCH_DRAIN_TIMEOUT_S (600), BENCH_SKIP_BUILD=1, BENCH_PORT (3230).
 */

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const POOL_MAX = Number(process.env.BENCH_POOL_MAX ?? 10);
const USERS = Number(process.env.BENCH_USERS ?? 8);
const REPOSITORIES = Number(process.env.BENCH_REPOSITORIES ?? 3);
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_S ?? 600) * 1000;
const PORT = Number(process.env.BENCH_PORT ?? 3230);
const WARM_UP = 50;
const TARGET_P95_MS = 30;
const TRIVIAL_QUEUE = `bench-trivial-${randomUUID().slice(0, 8)}`;
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const base = `http://127.0.0.1:${PORT}`;
const secret = `bench-events-${randomUUID()}`;
const cronSecret = `bench-cron-${randomUUID()}`;

const next = seededRandom(20_261_201);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const int = (below: number) => Math.floor(next() * below);

interface Delivery {
  event: string;
  id: string;
  payload: object;
}

const WORDS = ['rate limiting', 'billing page', 'the onboarding flow', 'retries', 'dark mode', 'the export', 'search', 'caching', 'the CLI', 'webhooks', 'audit log', 'SSO'];
const VERBS = ['Add', 'Fix', 'Refactor', 'Speed up', 'Document', 'Remove'];
const PEOPLE = ['octocat', 'hubot', 'monalisa', 'defunkt', 'mojombo'];

/** The parts of GitHub's payloads that every event carries, so bodies have their real size. */
function repositoryObject(fullName: string, id: number) {
  const [owner, name] = fullName.split('/') as [string, string];
  const api = `https://api.github.com/repos/${fullName}`;
  return {
    id,
    node_id: `R_kgDO${id}`,
    name,
    full_name: fullName,
    private: true,
    owner: { login: owner, id: id + 1, type: 'Organization', html_url: `https://github.com/${owner}`, avatar_url: `https://avatars.githubusercontent.com/u/${id + 1}?v=4` },
    html_url: `https://github.com/${fullName}`,
    description: `The ${name} service`,
    fork: false,
    url: api,
    ...Object.fromEntries(['forks', 'keys', 'collaborators', 'teams', 'hooks', 'events', 'branches', 'tags', 'languages', 'commits', 'issues', 'pulls', 'releases'].map((key) => [`${key}_url`, `${api}/${key}`])),
    created_at: '2024-03-01T10:00:00Z',
    updated_at: '2026-11-30T09:12:00Z',
    pushed_at: '2026-12-01T08:00:00Z',
    default_branch: 'main',
    language: 'TypeScript',
    visibility: 'private',
    topics: ['api', 'saas'],
  };
}

const user = (login: string) => ({ login, id: login.length * 1000, type: 'User', html_url: `https://github.com/${login}`, avatar_url: `https://avatars.githubusercontent.com/u/${login.length}?v=4` });
const sha = () => Array.from({ length: 40 }, () => '0123456789abcdef'[int(16)]).join('');

/** One delivery of a realistic event in `fullName`: a pull request's life, a CI run or a new issue. */
function delivery(fullName: string, repoId: number, n: number): Delivery {
  const repository = repositoryObject(fullName, repoId);
  const sender = user(pick(PEOPLE));
  const roll = next();
  if (roll < 0.55) {
    const action = pick(['opened', 'opened', 'synchronize', 'synchronize', 'reopened', 'closed', 'closed']);
    const merged = action === 'closed' && next() < 0.7;
    const number = 100 + n;
    const title = `${pick(VERBS)} ${pick(WORDS)}`;
    return {
      event: 'pull_request',
      id: randomUUID(),
      payload: {
        action,
        number,
        pull_request: {
          url: `https://api.github.com/repos/${fullName}/pulls/${number}`,
          id: repoId * 10_000 + number,
          html_url: `https://github.com/${fullName}/pull/${number}`,
          number,
          state: action === 'closed' ? 'closed' : 'open',
          title,
          user: sender,
          body: `This changes ${pick(WORDS)} so that ${pick(WORDS)} keeps working.\n\n- [x] tests\n- [ ] docs`,
          created_at: '2026-12-01T08:00:00Z',
          merged,
          merged_at: merged ? '2026-12-01T09:00:00Z' : null,
          draft: false,
          head: { label: `${fullName.split('/')[0]}:feature-${n}`, ref: `feature-${n}`, sha: sha(), repo: repository },
          base: { label: `${fullName.split('/')[0]}:main`, ref: 'main', sha: sha(), repo: repository },
          additions: int(500),
          deletions: int(200),
          changed_files: 1 + int(20),
          commits: 1 + int(8),
        },
        repository,
        sender,
      },
    };
  }
  if (roll < 0.85) {
    const conclusion = pick(['success', 'success', 'failure', 'cancelled']);
    return {
      event: 'workflow_run',
      id: randomUUID(),
      payload: {
        action: 'completed',
        workflow_run: {
          id: repoId * 100_000 + n,
          name: pick(['CI', 'Deploy', 'Lint']),
          head_branch: pick(['main', `feature-${n}`]),
          head_sha: sha(),
          run_number: n,
          event: 'push',
          status: 'completed',
          conclusion,
          html_url: `https://github.com/${fullName}/actions/runs/${repoId * 100_000 + n}`,
          created_at: '2026-12-01T08:00:00Z',
          updated_at: '2026-12-01T08:06:00Z',
          actor: sender,
          repository,
        },
        repository,
        sender,
      },
    };
  }
  const number = 500 + n;
  return {
    event: 'issues',
    id: randomUUID(),
    payload: {
      action: 'opened',
      issue: {
        url: `https://api.github.com/repos/${fullName}/issues/${number}`,
        html_url: `https://github.com/${fullName}/issues/${number}`,
        number,
        title: `${pick(WORDS)} is broken on ${pick(['Safari', 'Firefox', 'mobile', 'Windows'])}`,
        user: sender,
        labels: [{ name: 'bug' }],
        state: 'open',
        body: `Steps:\n1. open ${pick(WORDS)}\n2. it fails\n\nExpected it to work.`,
        created_at: '2026-12-01T08:00:00Z',
      },
      repository,
      sender,
    },
  };
}


const outcomes = new Map<string, number>();
async function deliver({ event, id, payload }: Delivery): Promise<() => Promise<void>> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return async () => {
    const response = await fetch(`${base}/webhooks/code-repo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': signature },
      body,
    });
    const json = (await response.json()) as { outcome?: string; error?: { message: string } };
    if (response.status !== 200) throw new Error(`delivery ${id} answered ${response.status}: ${json.error?.message}`);
    outcomes.set(json.outcome!, (outcomes.get(json.outcome!) ?? 0) + 1);
  };
}

let app: RunningApp | undefined;
let boss: PgBoss | undefined;
const database = await createThrowawayDatabase({ serverUrl });
const sql = createSql(database.url, CONCURRENCY);
try {
  app = await startApp(PORT, {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: String(POOL_MAX),
    CODE_REPO_WEBHOOK_SECRET: secret,
    CRON_SECRET: cronSecret,
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    OFFLINE_STREAM_DELAY_MS: '0',
  });

  // Accounts straight into auth.users (the sign-up trigger makes their profile and vibe), each on
  // the enterprise plan with auto-suggest on and its repositories connected.
  const repositories: { fullName: string; id: number; warmUp: boolean }[] = [];
  for (let u = 0; u <= USERS; u++) {
    const id = randomUUID();
    const warmUp = u === USERS;
    await sql`insert into auth.users (id, email) values (${id}, ${`bench-events-${u}-${id.slice(0, 8)}@example.com`})`;
    await sql.begin(async (tx) => {
      await tx`select set_config('role', 'service_role', true)`;
      await tx`select private.set_billing_profile(${id}::uuid, 'enterprise', 'active', null)`;
    });
    await sql`update public.vibe_configs set auto_suggest = true where user_id = ${id} and kind = 'current'`;
    for (let r = 0; r < (warmUp ? 1 : REPOSITORIES); r++) {
      const fullName = `${warmUp ? 'warmup' : `team-${u}`}-${id.slice(0, 6)}/${['api', 'web', 'worker', 'infra', 'mobile'][r % 5]}${r >= 5 ? r : ''}`;
      await sql`insert into public.connected_repositories (user_id, full_name) values (${id}, ${fullName})`;
      repositories.push({ fullName, id: 1000 + repositories.length, warmUp });
    }
  }
  const measuredRepositories = repositories.filter((repo) => !repo.warmUp);
  const warmUpRepository = repositories.find((repo) => repo.warmUp)!;

  const stored = async (ids: string[]) =>
    (await sql<{ processed: number; suggestions: number; other: number }[]>`
      with events as (select id, status from public.background_events where delivery_id = any(${ids}::text[]))
      select (select count(*) from events where status = 'processed')::int as processed,
        (select count(*) from events where status not in ('processed', 'received', 'failed'))::int as other,
        (select count(*) from public.agent_runs r join events e on e.id = r.background_event_id where r.status = 'succeeded')::int as suggestions`)[0]!;
  const cron = () => fetch(`${base}/api/cron/sweep-runs`, { headers: { authorization: `Bearer ${cronSecret}` } }).then((response) => response.arrayBuffer());
  /** Waits until every event of `ids` has its suggestion; calls the cron when a second passes with no progress. */
  async function settled(ids: string[], expected: number): Promise<number> {
    const deadline = performance.now() + DRAIN_TIMEOUT_MS;
    let last = -1;
    let idleSince = performance.now();
    let cronCalls = 0;
    while (performance.now() < deadline) {
      const state = await stored(ids);
      if (state.other > 0) throw new Error(`${state.other} events ended skipped or dead`);
      if (state.processed >= expected && state.suggestions >= expected) return cronCalls;
      if (state.processed !== last) {
        last = state.processed;
        idleSince = performance.now();
      } else if (performance.now() - idleSince > 1000) {
        cronCalls += 1;
        await cron();
        idleSince = performance.now();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`not every suggestion was stored within ${DRAIN_TIMEOUT_MS / 1000} s`);
  }

  // Warm-up: the route, the drain and the run pipeline once through, then drained.
  const warm = Array.from({ length: WARM_UP }, (_, i) => delivery(warmUpRepository.fullName, warmUpRepository.id, i));
  await load(warm, CONCURRENCY, deliver);
  await settled(
    warm.map((d) => d.id),
    WARM_UP,
  );
  outcomes.clear();

  const measured = Array.from({ length: DELIVERIES }, (_, i) => {
    const repo = measuredRepositories[i % measuredRepositories.length]!;
    return delivery(repo.fullName, repo.id, i);
  });
  const ids = measured.map((d) => d.id);
  const kinds = new Map<string, number>();
  for (const d of measured) {
    const key = `${d.event}${'action' in d.payload ? `.${(d.payload as { action: string }).action}` : ''}`;
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  console.log(
    `\n${DELIVERIES} signed deliveries to ${measuredRepositories.length} repositories of ${USERS} users, ${CONCURRENCY} concurrent; app pool ${POOL_MAX}, PostgreSQL at ${new URL(serverUrl).host}`,
  );
  console.log(`events: ${[...kinds.entries()].map(([kind, count]) => `${kind} ${count}`).join(', ')}\n`);

  const acks = await load(measured, CONCURRENCY, deliver);
  const acked = performance.now();
  const cronCalls = await settled(ids, DELIVERIES);
  const drainedSeconds = (performance.now() - acks.startedAt) / 1000;
  const afterAcksSeconds = (performance.now() - acked) / 1000;
  const counted = [...outcomes.entries()];

  const health = await load(measured, CONCURRENCY, async () => async () => {
    await (await fetch(`${base}/health`)).arrayBuffer();
  });

  // pg-boss alone: a fresh queue in the app's schema, the app's adapter and pool size, trivial jobs.
  const bossSql = createSql(database.url, POOL_MAX);
  boss = new PgBoss({
    db: queueDb(bossSql, { pooled: true }),
    schema: QUEUE_SCHEMA,
    migrate: false,
    createSchema: false,
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  boss.on('error', (error) => console.error(error));
  await boss.start();
  await boss.createQueue(TRIVIAL_QUEUE);
  const jobs = Array.from({ length: DELIVERIES }, (_, i) => i);
  const sends = await load(jobs, CONCURRENCY, async (i) => async () => {
    await boss!.send(TRIVIAL_QUEUE, { i });
  });
  let completed = 0;
  const fetchStarted = performance.now();
  await load(
    Array.from({ length: CONCURRENCY }, (_, i) => i),
    CONCURRENCY,
    async () => async () => {
      for (;;) {
        const batch = await boss!.fetch(TRIVIAL_QUEUE, { batchSize: 4 });
        if (batch.length === 0 && completed >= DELIVERIES) return;
        if (batch.length === 0) continue;
        // One complete per job, as the app's drain does.
        await Promise.all(batch.map((job) => boss!.complete(TRIVIAL_QUEUE, job.id)));
        completed += batch.length;
      }
    },
  );
  const fetchSeconds = (performance.now() - fetchStarted) / 1000;
  const bossSeconds = sends.seconds + fetchSeconds;
  await boss.deleteQueue(TRIVIAL_QUEUE);
  await boss.stop({ graceful: false, close: false });
  boss = undefined;
  await bossSql.end({ timeout: 5 });

  const ack: Summary = summarize(acks.latencies);
  const eventsPerSecond = DELIVERIES / drainedSeconds;
  const bossPerSecond = DELIVERIES / bossSeconds;
  printTable([
    { name: `POST /webhooks/code-repo: ack, ${CONCURRENCY} concurrent`, summary: ack, extra: `${(DELIVERIES / acks.seconds).toFixed(0)} deliveries/s` },
    { name: `GET /health, ${CONCURRENCY} concurrent (floor)`, summary: summarize(health.latencies), extra: `${(DELIVERIES / health.seconds).toFixed(0)} requests/s` },
    { name: `pg-boss send, ${CONCURRENCY} concurrent`, summary: summarize(sends.latencies), extra: `${(DELIVERIES / sends.seconds).toFixed(0)} jobs/s` },
  ]);
  console.log(`\noutcomes: ${counted.map(([outcome, count]) => `${outcome} ${count}`).join(', ')}`);
  console.log(
    `every suggestion stored: ${drainedSeconds.toFixed(1)} s from the first delivery (${afterAcksSeconds.toFixed(1)} s after the last ack; ${cronCalls} cron call${cronCalls === 1 ? '' : 's'}), ${eventsPerSecond.toFixed(0)} events/s`,
  );
  console.log(
    `pg-boss alone, ${DELIVERIES} trivial jobs: send ${sends.seconds.toFixed(2)} s + fetch and complete ${fetchSeconds.toFixed(2)} s (${CONCURRENCY} workers, batches of 4) = ${bossSeconds.toFixed(2)} s, ${bossPerSecond.toFixed(0)} jobs/s`,
  );
  console.log(`ratio pg-boss jobs/s / app events/s: ${(bossPerSecond / eventsPerSecond).toFixed(1)}×`);

  const [runs] = await sql<{ events: number; runs: number; succeeded: number }[]>`
    select count(distinct e.id)::int as events, count(r.id)::int as runs, count(r.id) filter (where r.status = 'succeeded')::int as succeeded
    from public.background_events e left join public.agent_runs r on r.background_event_id = e.id
    where e.delivery_id = any(${ids}::text[])`;
  if (runs!.events !== DELIVERIES || runs!.runs !== DELIVERIES || runs!.succeeded !== DELIVERIES) {
    throw new Error(`${runs!.events} events, ${runs!.runs} suggestion runs (${runs!.succeeded} succeeded); expected ${DELIVERIES} of each`);
  }
  console.log(`suggestions: all ${DELIVERIES} events processed, one suggestion run each`);
  console.log(`target: webhook ack p95 ≤ ${TARGET_P95_MS} ms (${ack.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'})`);
} finally {
  await boss?.stop({ graceful: false, close: false }).catch(() => {});
  await app?.stop();
  await sql.end({ timeout: 5 });
  await database.drop();
}
