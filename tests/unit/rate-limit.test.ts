import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetServerEnvForTests } from '@/lib/env';
import { InProcessSlidingWindow } from '@/lib/rate-limit/in-process';
import { checkRateLimit, rateLimitHeaders, resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import { RATE_LIMIT_POLICIES } from '@/lib/rate-limit/policies';

// A whole hour since the epoch starts a window of every policy (minute, quarter hour, hour).
const WINDOW_START = Date.UTC(2030, 0, 1, 12);
const MINUTE = 60_000;
const saved = { url: process.env.UPSTASH_REDIS_REST_URL, token: process.env.UPSTASH_REDIS_REST_TOKEN };

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

beforeEach(() => {
  delete process.env.UPSTASH_REDIS_REST_URL;
  delete process.env.UPSTASH_REDIS_REST_TOKEN;
  resetServerEnvForTests();
  resetRateLimitsForTests();
  vi.useFakeTimers({ now: WINDOW_START });
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(() => {
  restore('UPSTASH_REDIS_REST_URL', saved.url);
  restore('UPSTASH_REDIS_REST_TOKEN', saved.token);
  resetServerEnvForTests();
  resetRateLimitsForTests();
});

async function exhaust(policy: keyof typeof RATE_LIMIT_POLICIES, identifier: string): Promise<void> {
  for (let i = 0; i < RATE_LIMIT_POLICIES[policy].limit; i++) expect((await checkRateLimit(policy, identifier)).success).toBe(true);
  expect((await checkRateLimit(policy, identifier)).success).toBe(false);
}

describe('in-process rate limiter', () => {
  it('allows exactly the limit in a window, then refuses with nothing remaining until a future reset', async () => {
    vi.setSystemTime(WINDOW_START + 10_000);
    for (let i = 0; i < 20; i++) {
      expect(await checkRateLimit('runs', 'user-1')).toEqual({ success: true, limit: 20, remaining: 19 - i, reset: WINDOW_START + MINUTE });
    }
    const refused = await checkRateLimit('runs', 'user-1');
    expect(refused).toEqual({ success: false, limit: 20, remaining: 0, reset: WINDOW_START + MINUTE });
    expect(refused.reset).toBeGreaterThan(Date.now());
  });

  it('frees slots as the window slides, weighting the previous window by its remaining overlap', async () => {
    vi.setSystemTime(WINDOW_START + 10_000);
    await exhaust('runs', 'user-1');

    // A quarter into the next window, three quarters of the previous 20 still count: 15, so 5 fit.
    vi.setSystemTime(WINDOW_START + MINUTE + 15_000);
    const allowed = [];
    for (let i = 0; i < 5; i++) allowed.push(await checkRateLimit('runs', 'user-1'));
    expect(allowed.map((d) => [d.success, d.remaining])).toEqual([
      [true, 4],
      [true, 3],
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    const refused = await checkRateLimit('runs', 'user-1');
    expect(refused).toMatchObject({ success: false, remaining: 0, reset: WINDOW_START + 2 * MINUTE });
    expect(rateLimitHeaders(refused)['Retry-After']).toBe('45');

    // Once refused, the key waits for the reset it was told (as Upstash's block cache does),
    // even though the decayed count alone would let a request through by now.
    vi.setSystemTime(WINDOW_START + 2 * MINUTE - 1_000);
    expect((await checkRateLimit('runs', 'user-1')).success).toBe(false);

    // Halfway through the window after, half of the previous window's 5 still count: 2, so 18 fit.
    vi.setSystemTime(WINDOW_START + 2 * MINUTE + 30_000);
    expect(await checkRateLimit('runs', 'user-1')).toMatchObject({ success: true, remaining: 17 });
  });

  it('keeps separate buckets per policy and per identifier', async () => {
    await exhaust('signIn', '203.0.113.7|ada@example.com');
    expect(await checkRateLimit('signUp', '203.0.113.7|ada@example.com')).toMatchObject({ success: true, limit: 10, remaining: 9 });
    expect(await checkRateLimit('public', '203.0.113.7|ada@example.com')).toMatchObject({ success: true, limit: 120, remaining: 119 });
    expect(await checkRateLimit('signIn', '203.0.113.7|grace@example.com')).toMatchObject({ success: true, limit: 5, remaining: 4 });
    expect(await checkRateLimit('signIn', '198.51.100.1|ada@example.com')).toMatchObject({ success: true, remaining: 4 });
    expect((await checkRateLimit('signIn', '203.0.113.7|ada@example.com')).success).toBe(false);
  });

  it('resets to a clean slate for the next test', async () => {
    await exhaust('signIn', 'someone');
    resetRateLimitsForTests();
    expect(await checkRateLimit('signIn', 'someone')).toMatchObject({ success: true, remaining: 4 });
  });
});

describe('rate-limit headers', () => {
  const now = WINDOW_START;

  it('gives limit, remaining and whole seconds to reset, and Retry-After only when refused', () => {
    expect(rateLimitHeaders({ success: true, limit: 20, remaining: 5, reset: now + 30_500 }, now)).toEqual({
      'RateLimit-Limit': '20',
      'RateLimit-Remaining': '5',
      'RateLimit-Reset': '31',
    });
    expect(rateLimitHeaders({ success: false, limit: 5, remaining: 0, reset: now + 899_001 }, now)).toEqual({
      'RateLimit-Limit': '5',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '900',
      'Retry-After': '900',
    });
  });

  it('never gives a negative reset, nor a Retry-After under one second', () => {
    expect(rateLimitHeaders({ success: true, limit: 20, remaining: 20, reset: now - 5_000 }, now)['RateLimit-Reset']).toBe('0');
    const late = rateLimitHeaders({ success: false, limit: 20, remaining: 0, reset: now - 5_000 }, now);
    expect(late['RateLimit-Reset']).toBe('0');
    expect(late['Retry-After']).toBe('1');
    expect(rateLimitHeaders({ success: false, limit: 20, remaining: 0, reset: now + 10 }, now)['Retry-After']).toBe('1');
  });

  it('measures from the current time by default', async () => {
    vi.setSystemTime(WINDOW_START + 40_000);
    await exhaust('runs', 'user-2');
    const headers = rateLimitHeaders(await checkRateLimit('runs', 'user-2'));
    expect(headers).toEqual({ 'RateLimit-Limit': '20', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '20', 'Retry-After': '20' });
  });
});

describe('in-process limiter memory', () => {
  it('tracks at most maxKeys, evicting the least recently used, and sweeps expired keys', () => {
    let clock = WINDOW_START;
    const limiter = new InProcessSlidingWindow({ maxKeys: 100, sweepIntervalMs: MINUTE, now: () => clock });

    for (let i = 0; i < 3; i++) limiter.limit('hot', 1_000, MINUTE);
    for (let i = 0; i < 10_000; i++) {
      limiter.limit(`flood-${i}`, 5, MINUTE);
      // A key in use keeps its place however many others arrive.
      if (i % 50 === 0) limiter.limit('hot', 1_000, MINUTE);
      expect(limiter.size).toBeLessThanOrEqual(100);
    }
    expect(limiter.size).toBe(100);
    expect(limiter.limit('hot', 1_000, MINUTE).remaining).toBe(1_000 - 3 - 200 - 1);
    // An evicted key starts afresh.
    expect(limiter.limit('flood-0', 5, MINUTE).remaining).toBe(4);

    // Two windows later nothing counted is left, and the next check drops it all.
    clock += 2 * MINUTE;
    limiter.limit('late', 5, MINUTE);
    expect(limiter.size).toBe(1);
  });
});

describe('in-process sliding window', () => {
  // A clock the tests move by hand; windows of one minute starting at WINDOW_START.
  function limiterAt(start: number, options: { maxKeys?: number; sweepIntervalMs?: number } = {}) {
    const clock = { now: start };
    const limiter = new InProcessSlidingWindow({ maxKeys: options.maxKeys ?? 100, sweepIntervalMs: options.sweepIntervalMs ?? 10 * MINUTE, now: () => clock.now });
    return { clock, limiter };
  }

  it('forgets a window that ended more than one window ago', () => {
    const { clock, limiter } = limiterAt(WINDOW_START);
    for (let i = 0; i < 5; i++) limiter.limit('k', 5, MINUTE);
    expect(limiter.limit('k', 5, MINUTE).success).toBe(false);
    // Two windows on, nothing of the full one counts any more (the entry was not swept: the sweep
    // interval is ten minutes, so the window arithmetic alone must drop it).
    clock.now = WINDOW_START + 2 * MINUTE + 30_000;
    expect(limiter.limit('k', 5, MINUTE)).toEqual({ success: true, limit: 5, remaining: 4, reset: WINDOW_START + 3 * MINUTE });
  });

  it('lifts a block exactly when the window it was refused in ends', () => {
    const { clock, limiter } = limiterAt(WINDOW_START + 50_000);
    for (let i = 0; i < 4; i++) limiter.limit('k', 4, MINUTE);
    expect(limiter.limit('k', 4, MINUTE)).toEqual({ success: false, limit: 4, remaining: 0, reset: WINDOW_START + MINUTE });
    clock.now = WINDOW_START + MINUTE - 1;
    expect(limiter.limit('k', 4, MINUTE)).toEqual({ success: false, limit: 4, remaining: 0, reset: WINDOW_START + MINUTE });
    // At the boundary the block is over: the request is judged afresh, and the previous window
    // still weighs in fully, so it is refused until the end of the new window.
    clock.now = WINDOW_START + MINUTE;
    expect(limiter.limit('k', 4, MINUTE)).toEqual({ success: false, limit: 4, remaining: 0, reset: WINDOW_START + 2 * MINUTE });
  });

  it('drops expired entries only when a sweep is due, and sweeps at exactly the interval', () => {
    const { clock, limiter } = limiterAt(WINDOW_START, { sweepIntervalMs: 5 * MINUTE });
    limiter.limit('old', 5, MINUTE);
    // Expired (two windows on) but the sweep is not due yet: the entry is still held.
    clock.now = WINDOW_START + 2 * MINUTE;
    limiter.limit('a', 5, MINUTE);
    expect(limiter.size).toBe(2);
    clock.now = WINDOW_START + 5 * MINUTE - 1;
    limiter.limit('b', 5, MINUTE);
    expect(limiter.size).toBe(3);
    // Five minutes after construction the sweep runs and keeps only what still counts.
    clock.now = WINDOW_START + 5 * MINUTE;
    limiter.limit('c', 5, MINUTE);
    expect(limiter.size).toBe(2);
    // The next sweep is five minutes after that one, not after construction.
    clock.now = WINDOW_START + 8 * MINUTE;
    limiter.limit('d', 5, MINUTE);
    expect(limiter.size).toBe(3);
    clock.now = WINDOW_START + 10 * MINUTE;
    limiter.limit('e', 5, MINUTE);
    expect(limiter.size).toBe(1);
  });

  it('keeps an entry until both of its counted windows have passed', () => {
    const { clock, limiter } = limiterAt(WINDOW_START + 59_000, { sweepIntervalMs: 1 });
    limiter.limit('k', 5, MINUTE);
    // Still inside the next window the entry's count weighs in, so it must survive a sweep.
    clock.now = WINDOW_START + 2 * MINUTE - 1;
    limiter.limit('other', 5, MINUTE);
    expect(limiter.size).toBe(2);
    clock.now = WINDOW_START + 2 * MINUTE;
    limiter.limit('other', 5, MINUTE);
    expect(limiter.size).toBe(1);
  });

  it('clears every key', () => {
    const { limiter } = limiterAt(WINDOW_START);
    limiter.limit('a', 1, MINUTE);
    expect(limiter.limit('a', 1, MINUTE).success).toBe(false);
    limiter.limit('b', 1, MINUTE);
    limiter.clear();
    expect(limiter.size).toBe(0);
    expect(limiter.limit('a', 1, MINUTE)).toMatchObject({ success: true, remaining: 0 });
  });

  it('uses the real clock when none is given', () => {
    vi.setSystemTime(WINDOW_START + 30_000);
    const limiter = new InProcessSlidingWindow({ maxKeys: 10, sweepIntervalMs: MINUTE });
    expect(limiter.limit('k', 3, MINUTE)).toEqual({ success: true, limit: 3, remaining: 2, reset: WINDOW_START + MINUTE });
  });
});
