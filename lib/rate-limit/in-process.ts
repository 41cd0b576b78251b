import type { RateLimitDecision } from '@/lib/rate-limit/limiter';

/**
 * The limiter used when Upstash is not configured (development, tests, a single server). It
 * follows @upstash/ratelimit's slidingWindow exactly, so both backends refuse the same request:
 * counts are kept per fixed window, the previous window's count is weighted by the share of it
 * that still overlaps the sliding window (rounded down), and a request is refused when that plus
 * the current count reaches the limit. Like the SDK's default block cache, a refused key stays
 * refused until the current window ends, which is also the `reset` reported, so Retry-After is
 * never too short. State is per process: with several instances each keeps its own counts.
 */

interface Entry {
  window: number;
  current: number;
  previous: number;
  blockedUntil: number;
  /** After this both counted windows have slid out, so the entry says nothing any more. */
  expiresAt: number;
}

export interface InProcessLimiterOptions {
  maxKeys: number;
  sweepIntervalMs: number;
  now?: () => number;
}

export class InProcessSlidingWindow {
  // Map order is recency order (every use re-inserts), so the first key is the least recently used.
  private readonly entries = new Map<string, Entry>();
  private readonly maxKeys: number;
  private readonly sweepIntervalMs: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(options: InProcessLimiterOptions) {
    this.maxKeys = options.maxKeys;
    this.sweepIntervalMs = options.sweepIntervalMs;
    this.now = options.now ?? (() => Date.now());
    this.lastSweep = this.now();
  }

  get size(): number {
    return this.entries.size;
  }

  limit(key: string, limit: number, windowMs: number): RateLimitDecision {
    const now = this.now();
    if (now - this.lastSweep >= this.sweepIntervalMs) this.sweep(now);

    const window = Math.floor(now / windowMs);
    const reset = (window + 1) * windowMs;
    const entry = this.take(key, window);
    if (entry.window !== window) {
      entry.previous = entry.window === window - 1 ? entry.current : 0;
      entry.current = 0;
      entry.window = window;
    }
    entry.expiresAt = (window + 2) * windowMs;

    if (now < entry.blockedUntil) {
      this.put(key, entry);
      return { success: false, limit, remaining: 0, reset: entry.blockedUntil };
    }

    const weightedPrevious = Math.floor((1 - (now % windowMs) / windowMs) * entry.previous);
    if (weightedPrevious + entry.current >= limit) {
      entry.blockedUntil = reset;
      this.put(key, entry);
      return { success: false, limit, remaining: 0, reset };
    }

    entry.current += 1;
    this.put(key, entry);
    return { success: true, limit, remaining: limit - (entry.current + weightedPrevious), reset };
  }

  clear(): void {
    this.entries.clear();
  }

  private take(key: string, window: number): Entry {
    const entry = this.entries.get(key);
    // Equivalent mutant: returning {} instead changes nothing, because limit() resets window, current
    // and previous for any entry whose window differs (undefined does), sets expiresAt, and
    // `now < undefined` is false just as `now < 0` is.
    if (!entry) return { window, current: 0, previous: 0, blockedUntil: 0, expiresAt: 0 };
    this.entries.delete(key);
    return entry;
  }

  private put(key: string, entry: Entry): void {
    // Under a flood of distinct keys, forgetting the least recently used one (and letting it
    // start afresh) is the price of a memory bound that no caller can push past.
    if (this.entries.size >= this.maxKeys) {
      const oldest = this.entries.keys().next();
      // Equivalent mutant: `!oldest.done` → true changes nothing, because when the map is empty the
      // delete is of undefined, which is never a key.
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
    this.lastSweep = now;
  }
}
