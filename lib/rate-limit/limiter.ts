import { createHash } from 'node:crypto';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { serverEnv } from '@/lib/env';
import { logger } from '@/lib/observability/logger';
import { InProcessSlidingWindow } from '@/lib/rate-limit/in-process';
import { LIMITER_MEMORY, RATE_LIMIT_POLICIES, UPSTASH_TIMEOUT_MS, type RateLimitPolicy } from '@/lib/rate-limit/policies';

/**
 * Per-key rate limits: Upstash Redis when UPSTASH_REDIS_REST_URL and _TOKEN are set (shared by
 * every instance), otherwise an in-process limiter with the same sliding-window rules. A Redis
 * that is down, slow or refusing the token lets requests through: losing the limit for a while
 * is better than failing every request.
 */

export interface RateLimitDecision {
  success: boolean;
  limit: number;
  remaining: number;
  /** epoch ms when the window frees a slot / resets */
  reset: number;
}

const KEY_PREFIX = 'vc:rl';

/** The SDK's cache of refused keys, capped: left alone it keeps each key until that key is seen again. */
class BoundedMap<K, V> extends Map<K, V> {
  private readonly maxSize: number;

  constructor(maxSize: number) {
    super();
    this.maxSize = maxSize;
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.maxSize) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}

let inProcess: InProcessSlidingWindow | undefined;
let upstash: { redis: Redis; limiters: Partial<Record<RateLimitPolicy, Ratelimit>> } | undefined;

/** Sign-in identifiers hold e-mail addresses, which must not sit in Redis; a digest also bounds the key length. */
function hashIdentifier(identifier: string): string {
  return createHash('sha256').update(identifier).digest('hex');
}

/** A policy's budget, times RATE_LIMIT_SCALE (1 everywhere but local benchmarks and load tests). */
function budgetOf(policy: RateLimitPolicy): { limit: number; windowSeconds: number } {
  const { limit, windowSeconds } = RATE_LIMIT_POLICIES[policy];
  return { limit: limit * serverEnv().RATE_LIMIT_SCALE, windowSeconds };
}

function upstashLimiter(policy: RateLimitPolicy, url: string, token: string): Ratelimit {
  upstash ??= {
    // One immediate retry covers a pooled connection that the server has just closed; anything
    // longer would outlast the timeout, and the request would go ahead anyway.
    redis: new Redis({ url, token, retry: { retries: 1, backoff: () => 0 }, enableTelemetry: false }),
    limiters: {},
  };
  const { limit, windowSeconds } = budgetOf(policy);
  return (upstash.limiters[policy] ??= new Ratelimit({
    redis: upstash.redis,
    prefix: `${KEY_PREFIX}:${policy}`,
    limiter: Ratelimit.slidingWindow(limit, `${windowSeconds} s`),
    timeout: UPSTASH_TIMEOUT_MS,
    analytics: false,
    // Refused keys are answered from memory until their window ends, so a client hammering past
    // its limit costs no Redis commands.
    ephemeralCache: new BoundedMap<string, number>(LIMITER_MEMORY.maxKeys),
  }));
}

function failOpen(policy: RateLimitPolicy, err: unknown): RateLimitDecision {
  logger.warn({ err, policy }, 'rate limit check failed; request allowed without a limit');
  const { limit } = budgetOf(policy);
  return { success: true, limit, remaining: limit, reset: Date.now() };
}

export async function checkRateLimit(policy: RateLimitPolicy, identifier: string): Promise<RateLimitDecision> {
  const { limit, windowSeconds } = budgetOf(policy);
  const subject = hashIdentifier(identifier);
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = serverEnv();

  if (!url || !token) {
    inProcess ??= new InProcessSlidingWindow(LIMITER_MEMORY);
    return inProcess.limit(`${KEY_PREFIX}:${policy}:${subject}`, limit, windowSeconds * 1000);
  }

  let response: Awaited<ReturnType<Ratelimit['limit']>>;
  try {
    response = await upstashLimiter(policy, url, token).limit(subject);
  } catch (err) {
    return failOpen(policy, err);
  }
  // On its timeout the SDK resolves success with limit 0 instead of rejecting.
  if (response.reason === 'timeout') {
    return failOpen(policy, new Error(`Upstash did not answer within ${UPSTASH_TIMEOUT_MS} ms`));
  }
  return { success: response.success, limit: response.limit, remaining: response.remaining, reset: response.reset };
}

/** RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (whole seconds until reset, ≥ 0), plus Retry-After (whole seconds, ≥ 1) when !success */
export function rateLimitHeaders(decision: RateLimitDecision, now: number = Date.now()): Record<string, string> {
  const secondsLeft = Math.ceil((decision.reset - now) / 1000);
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(Math.max(0, secondsLeft)),
  };
  if (!decision.success) headers['Retry-After'] = String(Math.max(1, secondsLeft));
  return headers;
}

/** Tests only: forget in-process state and the cached Upstash client. */
export function resetRateLimitsForTests(): void {
  inProcess = undefined;
  upstash = undefined;
}
