import { after } from 'next/server';
import { drainEvents } from '@/lib/events/drain-events';
import type { Logger } from '@/lib/observability/logger';

/** How long a drain after a webhook takes new jobs; its route's maxDuration leaves room for the last one. */
export const WEBHOOK_DRAIN_BUDGET_MS = 15_000;

/**
 * Drains the queue once the webhook's answer has gone, kept alive by after() on Vercel. Outside a
 * Next.js request (tests calling the handler directly) after() throws, and the cron or the caller drains.
 */
export function drainAfterResponse(log: Logger): void {
  try {
    after(() =>
      drainEvents({ budgetMs: WEBHOOK_DRAIN_BUDGET_MS, log }).catch((error: unknown) => log.error({ err: error }, 'event drain failed')),
    );
  } catch {
    // Not inside a Next.js request scope.
  }
}
