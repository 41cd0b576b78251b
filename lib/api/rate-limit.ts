import { ApiError } from '@/lib/api/errors';
import { checkRateLimit, rateLimitHeaders } from '@/lib/rate-limit/limiter';
import type { RateLimitPolicy } from '@/lib/rate-limit/policies';

/**
 * Counts one request against a policy's budget for this identifier. Answers the RateLimit-*
 * headers to send with the response, or throws rate_limited (429) carrying them and Retry-After.
 */
export async function enforceRateLimit(policy: RateLimitPolicy, identifier: string): Promise<Record<string, string>> {
  const decision = await checkRateLimit(policy, identifier);
  const headers = rateLimitHeaders(decision);
  if (!decision.success) {
    const seconds = headers['Retry-After'] ?? '60';
    throw new ApiError('rate_limited', `Too many requests. Try again in ${seconds} second${seconds === '1' ? '' : 's'}.`, undefined, headers);
  }
  return headers;
}
