import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { generateSigningKey } from '@/lib/auth/embedded/signing-key';
import { percentile } from '@/lib/ops/percentile';

/** Small helpers shared by the benchmarks: percentiles and a fixed-width table. */

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentiles, as ops:report computes them from the request logs. */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/**
 * A bench with several goals prints each as a `check:` line with this, then the one `target:`
 * line it ends with, met when every check is (the answer).
 */
export function printChecks(checks: { what: string; met: boolean }[]): boolean {
  for (const check of checks) console.log(`check: ${check.what} (${check.met ? 'met' : 'NOT met'})`);
  return checks.every((check) => check.met);
}

export function printTable(rows: { name: string; summary: Summary; extra?: string }[]): void {
  const header = `${'measurement'.padEnd(44)} ${'count'.padStart(8)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const { name, summary, extra } of rows) {
    console.log(
      `${name.padEnd(44)} ${String(summary.count).padStart(8)} ${summary.p50.toFixed(2).padStart(9)} ${summary.p95.toFixed(2).padStart(9)} ${summary.p99.toFixed(2).padStart(9)}${extra ? `  ${extra}` : ''}`,
    );
  }
}

/** A production build of the app started with `next start` for a benchmark. */
export interface RunningApp {
  base: string;
  /** User + system CPU time (ms) the server's processes have used so far (see serverCpuMs). */
  cpuMs(): number;
  /** Ends the server; resolves once it has exited (SIGKILL if it has not 10 s after SIGTERM). */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 10_000;

/**
 * Builds (unless BENCH_SKIP_BUILD=1) and starts the app on 127.0.0.1:port with the given
 * environment (over the defaults below: embedded auth, SITE_URL on that port, LOG_LEVEL error),
 * and waits until /api/health answers. The server runs in its own process group, so
 * stop() also ends the next-server process that npx starts, and kills the group if it is still
 * there after a grace period (a server waiting on after() work against a database that is about
 * to be dropped would otherwise outlive the benchmark). Await stop() before dropping the database.
 */
export async function startApp(port: number, env: Record<string, string>): Promise<RunningApp> {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    console.log('Building…');
    const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('next build failed');
  }
  // BENCH_PROFILE_DIR=<dir> writes a V8 CPU profile of the server there when it stops (open it in
  // Chrome's DevTools); NODE_OPTIONS may not carry --cpu-prof, so the server is started with node.
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const command = profileDir
    ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, 'node_modules/next/dist/bin/next', 'start', '-p', String(port)]] as const
    : ['npx', ['next', 'start', '-p', String(port)]] as const;
  const server = spawn(command[0], [...command[1]], {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
    // A local production build on embedded auth (a fresh signing key unless the bench brings its
    // own), quiet logs; budgets scaled so the routes, not refusals, are measured. `env` overrides.
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ALLOW_EMBEDDED_AUTH_IN_PRODUCTION: '1',
      RATE_LIMIT_SCALE: '100000',
      AUTH_MODE: 'embedded',
      EMBEDDED_AUTH_SIGNING_KEY: env.EMBEDDED_AUTH_SIGNING_KEY ?? (await generateSigningKey()),
      SITE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'error',
      ...env,
    },
  });
  // Whether any process of the server's group (npx, next-server) is still there.
  const alive = () => {
    try {
      process.kill(-server.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signal = (name: NodeJS.Signals) => {
    if (alive()) process.kill(-server.pid!, name);
  };
  const gone = async (ms: number) => {
    for (const until = Date.now() + ms; alive() && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const app: RunningApp = {
    base: `http://127.0.0.1:${port}`,
    cpuMs: () => serverCpuMs(server.pid!),
    stop: async () => {
      signal('SIGTERM');
      await gone(STOP_GRACE_MS);
      signal('SIGKILL');
      await gone(5000);
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${app.base}/api/health`)).ok) return app;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await app.stop();
  throw new Error('the app did not become healthy within 60 s');
}

/** `items` through fn, `concurrency` at a time; answers each call's latency in ms and the wall time. */
export async function load<T>(items: T[], concurrency: number, fn: (item: T) => Promise<() => Promise<void>>): Promise<{ latencies: number[]; seconds: number; startedAt: number }> {
  const latencies: number[] = [];
  let cursor = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (cursor < items.length) {
        // fn prepares the request (the signature) untimed and hands back what to time.
        const send = await fn(items[cursor++]!);
        const t0 = performance.now();
        await send();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - startedAt) / 1000, startedAt };
}

let ticksPerSecond: number | undefined;

/**
 * User + system CPU time, in ms, used so far by every live process of a process group (the
 * server's: npx and the next-server it starts), read from /proc/<pid>/stat (Linux). Read it
 * before and after a load and divide the difference by the requests served: unlike latency, this
 * barely moves when other work shares the machine. The kernel counts in clock ticks (usually
 * 10 ms), so a measurement should span at least a few seconds of CPU.
 */
export function serverCpuMs(group: number): number {
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15.
    if (Number(fields[2]) !== group) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** CPU of fn's work on the server: ms used over it and the figure per request. */
export async function measureServerCpu<T>(app: RunningApp, fn: () => Promise<T>, requests: (result: T) => number): Promise<{ result: T; cpuMs: number; perRequestMs: number }> {
  const before = app.cpuMs();
  const result = await fn();
  const cpuMs = app.cpuMs() - before;
  return { result, cpuMs, perRequestMs: cpuMs / Math.max(1, requests(result)) };
}
