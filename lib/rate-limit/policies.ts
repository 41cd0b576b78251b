/**
 * Every rate-limit budget, and the limiter's own tuning, in one place. Windows are sliding
 * (Upstash's slidingWindow): the previous window's count is weighted by how much of it still
 * overlaps, so a burst at a window edge cannot double the budget.
 */
export const RATE_LIMIT_POLICIES = {
  // Each run calls the LLM and costs money; one every three seconds on average is far above a
  // person's pace while capping what a leaked session can spend in a minute.
  runs: { limit: 20, windowSeconds: 60 }, // per user: POST /api/runs, voice transcription
  // Saving feedback, profile edits, deletes: cheap, but each one is a database write.
  writes: { limit: 60, windowSeconds: 60 }, // per user: other POST/PUT/PATCH/DELETE
  // A page load fans out into several GETs and polling adds more; five a second stays generous.
  reads: { limit: 300, windowSeconds: 60 }, // per user: GET
  // Many people can share one IP (offices, mobile carriers), so this is per IP but not tight.
  public: { limit: 120, windowSeconds: 60 }, // per IP: routes without a signed-in user
  // Password guessing: five tries per account from one address, then a quarter of an hour's wait.
  signIn: { limit: 5, windowSeconds: 15 * 60 }, // per IP + email
  // Sign-ups create rows and send mail; a household or office rarely needs ten in an hour.
  signUp: { limit: 10, windowSeconds: 60 * 60 }, // per IP
} as const;

export type RateLimitPolicy = keyof typeof RATE_LIMIT_POLICIES;

/** Bounds the in-process limiter (used when Upstash is not configured) and the Upstash SDK's block cache. */
export const LIMITER_MEMORY = {
  // Tens of thousands of small entries is a few megabytes: safe in a serverless function.
  maxKeys: 10_000,
  // How often expired entries are dropped even when the cap is not reached.
  sweepIntervalMs: 60_000,
} as const;

/**
 * How long a rate-limit check may wait for Upstash before the request goes ahead unlimited.
 * A limiter that slows every request during a Redis incident would do more harm than the abuse it stops.
 */
export const UPSTASH_TIMEOUT_MS = 1_000;
