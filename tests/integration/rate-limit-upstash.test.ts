import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis as UpstashRedis } from '@upstash/redis';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetServerEnvForTests } from '@/lib/env';
import { logger } from '@/lib/observability/logger';
import { checkRateLimit, rateLimitHeaders, resetRateLimitsForTests, type RateLimitDecision } from '@/lib/rate-limit/limiter';
import { RATE_LIMIT_POLICIES, UPSTASH_TIMEOUT_MS, type RateLimitPolicy } from '@/lib/rate-limit/policies';
import { startUpstashBridge, type UpstashBridge } from '@/tests/support/upstash-bridge';

/**
 * The Upstash backend through the real SDKs, against this machine's Redis behind a bridge that
 * speaks Upstash's REST protocol. Identifiers are unique to the run, and every key they produced
 * is deleted at the end.
 */

const token = `test-token-${randomUUID()}`;
const runId = randomUUID();
const used = new Set<string>();
const otherKeys: string[] = [];
const saved = { url: process.env.UPSTASH_REDIS_REST_URL, token: process.env.UPSTASH_REDIS_REST_TOKEN };

let redis: Redis;
let bridge: UpstashBridge;

/** A fresh identifier for this run, shaped like the sign-in one (IP and e-mail). */
function identifier(name: string): string {
  const id = `203.0.113.9|${name}-${runId}@example.com`;
  used.add(id);
  return id;
}

const digest = (id: string) => createHash('sha256').update(id).digest('hex');

function useUpstash(url: string | undefined, restToken: string | undefined): void {
  for (const [name, value] of [
    ['UPSTASH_REDIS_REST_URL', url],
    ['UPSTASH_REDIS_REST_TOKEN', restToken],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetServerEnvForTests();
  resetRateLimitsForTests();
}

async function scanKeys(pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

const keysOf = (id: string) => scanKeys(`vc:rl:*:${digest(id)}:*`);

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function drain(policy: RateLimitPolicy, id: string): Promise<RateLimitDecision[]> {
  const decisions = [];
  for (let i = 0; i <= RATE_LIMIT_POLICIES[policy].limit; i++) decisions.push(await checkRateLimit(policy, id));
  return decisions;
}

beforeAll(async () => {
  redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  bridge = await startUpstashBridge(redis, token);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  bridge.delayMs = 0;
});

afterAll(async () => {
  useUpstash(saved.url, saved.token);
  if (redis) {
    const keys = [...otherKeys, ...(await Promise.all([...used].map(keysOf))).flat()];
    if (keys.length > 0) await redis.del(...keys);
    expect((await Promise.all([...used].map(keysOf))).flat()).toEqual([]);
    expect(await redis.exists(...otherKeys)).toBe(0);
  }
  await bridge?.close();
  redis?.disconnect();
});

describe('rate limits on Upstash', () => {
  it('goes through a bridge that answers as Upstash does', async () => {
    const client = new UpstashRedis({ url: bridge.url, token, enableAutoPipelining: false, enableTelemetry: false });
    const key = `vc:rl:bridge-check:${runId}`;
    otherKeys.push(key);
    expect(await client.set(key, 'naïve ✓')).toBe('OK');
    expect(await client.get(key)).toBe('naïve ✓');
    await expect(client.incr(key)).rejects.toThrow(/not an integer/);
    expect(bridge.calls.slice(-3)).toEqual([
      { command: 'SET' },
      { command: 'GET' },
      { command: 'INCR', error: expect.stringContaining('not an integer') },
    ]);

    const raw = (headers: Record<string, string>) => fetch(bridge.url, { method: 'POST', headers, body: JSON.stringify(['GET', key]) });
    const encoded = await raw({ authorization: `Bearer ${token}`, 'upstash-encoding': 'base64' });
    expect(await encoded.json()).toEqual({ result: Buffer.from('naïve ✓').toString('base64') });
    expect(await (await raw({ authorization: `Bearer ${token}` })).json()).toEqual({ result: 'naïve ✓' });
    const refused = await raw({ authorization: 'Bearer wrong' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'Unauthorized' });
  });

  it('keeps its counts in Redis under the policy prefix and enforces the limit exactly', async () => {
    useUpstash(bridge.url, token);
    const id = identifier('exact');
    const decisions = await drain('signIn', id);

    expect(decisions.slice(0, 5).map((d) => [d.success, d.limit, d.remaining])).toEqual([
      [true, 5, 4],
      [true, 5, 3],
      [true, 5, 2],
      [true, 5, 1],
      [true, 5, 0],
    ]);
    const refused = decisions[5]!;
    expect(refused).toMatchObject({ success: false, limit: 5, remaining: 0 });
    expect(refused.reset).toBeGreaterThan(Date.now());
    expect(refused.reset % (RATE_LIMIT_POLICIES.signIn.windowSeconds * 1000)).toBe(0);
    expect(Number(rateLimitHeaders(refused)['Retry-After'])).toBeGreaterThanOrEqual(1);

    // One counter per fixed window, named by the identifier's digest: no e-mail address in Redis.
    const keys = await keysOf(id);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(new RegExp(`^vc:rl:signIn:${digest(id)}:\\d+$`));
      expect(key).not.toContain('example.com');
    }
    const counted = (await Promise.all(keys.map((key) => redis.get(key)))).reduce((sum, value) => sum + Number(value), 0);
    expect(counted).toBe(5);
    expect(await redis.pttl(keys[0]!)).toBeGreaterThan(0);

    // The SDK tries EVALSHA first and falls back to EVAL on NOSCRIPT; after that, EVALSHA alone.
    const scriptCalls = bridge.calls.filter((call) => call.command.startsWith('EVAL'));
    expect(scriptCalls[0]).toMatchObject({ command: 'EVALSHA', error: expect.stringContaining('NOSCRIPT') });
    expect(scriptCalls[1]).toEqual({ command: 'EVAL' });
    expect(scriptCalls.slice(2).every((call) => call.command === 'EVALSHA' && !call.error)).toBe(true);

    // A key already refused is answered from the SDK's memory until its reset: no Redis command.
    const before = bridge.calls.length;
    expect(await checkRateLimit('signIn', id)).toMatchObject({ success: false, remaining: 0, reset: refused.reset });
    expect(bridge.calls.length).toBe(before);
  });

  it('keeps separate buckets per policy and per identifier', async () => {
    useUpstash(bridge.url, token);
    const first = identifier('first');
    const second = identifier('second');
    expect((await drain('signIn', first)).at(-1)!.success).toBe(false);

    expect(await checkRateLimit('signUp', first)).toMatchObject({ success: true, limit: 10, remaining: 9 });
    expect(await checkRateLimit('signIn', second)).toMatchObject({ success: true, limit: 5, remaining: 4 });
    const prefixes = new Set((await keysOf(first)).map((key) => key.split(':')[2]));
    expect(prefixes).toEqual(new Set(['signIn', 'signUp']));
  });

  it('decides exactly as the in-process limiter does, request for request', async () => {
    const windowMs = RATE_LIMIT_POLICIES.runs.windowSeconds * 1000;
    const start = (Math.floor(Date.now() / windowMs) + 1) * windowMs;
    // Past the first window, into the next: fill, slide a quarter, refuse, wait out the block.
    const script = [
      ...Array<number>(21).fill(start + 10_000),
      ...Array<number>(7).fill(start + windowMs + 15_000),
      start + 2 * windowMs - 1_000,
      ...Array<number>(3).fill(start + 2 * windowMs + 30_000),
    ];
    // Only the clock is faked: the SDK reads Date.now(), while its timeout and the sockets stay real.
    vi.useFakeTimers({ toFake: ['Date'] });

    const run = async (): Promise<RateLimitDecision[]> => {
      const id = identifier('compare');
      const decisions = [];
      for (const time of script) {
        vi.setSystemTime(time);
        decisions.push(await checkRateLimit('runs', id));
      }
      return decisions;
    };
    useUpstash(bridge.url, token);
    const onUpstash = await run();
    useUpstash(undefined, undefined);
    const inProcess = await run();

    expect(onUpstash).toEqual(inProcess);
    expect(onUpstash.map((d) => (d.success ? 'y' : 'n')).join('')).toBe(`${'y'.repeat(20)}n${'y'.repeat(5)}nnnyyy`);
  });
});

describe('rate limits when Upstash fails', () => {
  function expectFailOpen(decision: RateLimitDecision, warn: ReturnType<typeof vi.spyOn>, policy: RateLimitPolicy, id: string): void {
    const { limit } = RATE_LIMIT_POLICIES[policy];
    expect(decision).toMatchObject({ success: true, limit, remaining: limit });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatchObject({ policy, err: expect.any(Error) });
    const logged = JSON.stringify(warn.mock.calls, (_key, value: unknown) =>
      value instanceof Error ? { message: value.message, cause: String(value.cause) } : value,
    );
    expect(logged).not.toContain(id);
    expect(logged).not.toContain(token);
  }

  it('lets the request through and warns once when nothing listens at the URL', async () => {
    useUpstash(`http://127.0.0.1:${await closedPort()}`, token);
    const warn = vi.spyOn(logger, 'warn');
    const id = identifier('refused');
    const started = Date.now();
    expectFailOpen(await checkRateLimit('runs', id), warn, 'runs', id);
    // A refused connection is reported at once, not left to the timeout.
    expect(Date.now() - started).toBeLessThan(UPSTASH_TIMEOUT_MS);
  });

  it('lets the request through and warns once when the server has gone away', async () => {
    const doomed = await startUpstashBridge(redis, token);
    useUpstash(doomed.url, token);
    const id = identifier('stopped');
    expect(await checkRateLimit('writes', id)).toMatchObject({ success: true, remaining: 59 });
    await doomed.close();

    const warn = vi.spyOn(logger, 'warn');
    expectFailOpen(await checkRateLimit('writes', id), warn, 'writes', id);
  });

  it('lets the request through and warns once when the token is refused', async () => {
    useUpstash(bridge.url, 'not-the-token');
    const warn = vi.spyOn(logger, 'warn');
    const before = bridge.calls.length;
    const id = identifier('unauthorized');
    expectFailOpen(await checkRateLimit('reads', id), warn, 'reads', id);
    expect(bridge.calls.length).toBe(before);
    expect(String((warn.mock.calls[0]![0] as { err: Error }).err.message)).toContain('Unauthorized');
  });

  it('lets the request through and warns once when Upstash is too slow', async () => {
    useUpstash(bridge.url, token);
    bridge.delayMs = 3 * UPSTASH_TIMEOUT_MS;
    const warn = vi.spyOn(logger, 'warn');
    const id = identifier('slow');
    const started = Date.now();
    expectFailOpen(await checkRateLimit('public', id), warn, 'public', id);
    expect(Date.now() - started).toBeLessThan(2 * UPSTASH_TIMEOUT_MS);
  });
});
