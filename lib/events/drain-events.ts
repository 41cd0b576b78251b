import type { JobWithMetadata } from 'pg-boss';
import type { Logger } from '@/lib/observability/logger';
import { CODE_REPO_QUEUE, eventQueue } from '@/lib/events/event-queue';
import { processEventJob, type JobOutcome } from '@/lib/events/process-event-job';
import type { EventJob } from '@/lib/zod/schemas/events';

/** Jobs taken at once; each of a different owner (one active job per group). */
const BATCH_SIZE = 4;

export type DrainResult = Record<JobOutcome, number>;

/** How recent another running drain's maintenance pass must be for this one to rely on it. */
const SUPERVISE_SHARED_MS = 10_000;

declare global {
  var __vcDrains: { active: number; supervisedAt: number } | undefined;
}

/**
 * Works through queued events until the queue is empty or the budget is spent. No job is taken
 * after the budget, so a drain ends within budget + one job (the provider's deadline), well before
 * its function's maxDuration. pg-boss hands each job to one drain (SKIP LOCKED) and one job of an
 * owner at a time, so concurrent drains share the work and no owner starves the others. A drain
 * killed mid-job leaves its jobs active; pg-boss's maintenance, run first here (there is no
 * background supervisor), returns them to the queue once their lease has expired. A drain skips
 * that pass only while another drain of this process is running whose pass started in the last
 * 10 s (leases last minutes): under a burst of webhooks it would otherwise cost every delivery's
 * drain seven statements before its first fetch, on the pool the acks need.
 */
export async function drainEvents({ budgetMs, log }: { budgetMs: number; log: Logger }): Promise<DrainResult> {
  const boss = await eventQueue();
  const stopAt = performance.now() + budgetMs;
  const result: DrainResult = { processed: 0, skipped: 0, failed: 0, dead: 0 };
  const drains = (globalThis.__vcDrains ??= { active: 0, supervisedAt: -Infinity });
  const shared = drains.active > 0 && performance.now() - drains.supervisedAt < SUPERVISE_SHARED_MS;
  drains.active += 1;
  try {
    if (!shared) {
      drains.supervisedAt = performance.now();
      await boss.supervise(CODE_REPO_QUEUE);
    }
    await drainUntil(boss, stopAt, result, log);
  } finally {
    drains.active -= 1;
  }
  return result;
}

async function drainUntil(boss: Awaited<ReturnType<typeof eventQueue>>, stopAt: number, result: DrainResult, log: Logger): Promise<void> {
  while (performance.now() < stopAt) {
    // One fetch yields at most one job of the owners first in line; the next skips owners with an
    // active job, so a batch gathers several owners' jobs instead of waiting behind the busiest.
    const jobs: JobWithMetadata<EventJob>[] = [];
    while (jobs.length < BATCH_SIZE) {
      const fetched = await boss.fetch<EventJob>(CODE_REPO_QUEUE, { batchSize: BATCH_SIZE - jobs.length, groupConcurrency: 1, includeMetadata: true });
      if (fetched.length === 0) break;
      jobs.push(...fetched);
    }
    if (jobs.length === 0) break;
    await Promise.all(
      jobs.map(async (job) => {
        let outcome: JobOutcome | 'gone';
        try {
          outcome = await processEventJob(job, { log });
        } catch (error) {
          log.error({ err: error, jobId: job.id }, 'background event job crashed');
          await boss.fail(CODE_REPO_QUEUE, job, { reason: error instanceof Error ? error.message.slice(0, 500) : 'unknown error' });
          return;
        }
        if (outcome === 'failed' || outcome === 'dead') await boss.fail(CODE_REPO_QUEUE, job, { outcome });
        else await boss.complete(CODE_REPO_QUEUE, job, { outcome });
        if (outcome !== 'gone') result[outcome] += 1;
      }),
    );
  }
}
