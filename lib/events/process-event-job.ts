import type { JobWithMetadata } from 'pg-boss';
import { ApiError } from '@/lib/api/errors';
import type { UserContext } from '@/lib/api/handler';
import { isUniqueViolation } from '@/lib/api/database-errors';
import { sweepStaleRuns } from '@/lib/cron/sweep-stale-runs';
import { asServer, withServiceRole } from '@/lib/db/service-role';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { serverEnv } from '@/lib/env';
import { writeSuggestionTask } from '@/lib/events/write-suggestion-task';
import type { Logger } from '@/lib/observability/logger';
import { withRunSpan } from '@/lib/observability/run-span';
import { createRun } from '@/lib/runs/create-run';
import { executeRun } from '@/lib/runs/execute-run';
import { getVibe } from '@/lib/vibe/get-vibe';
import { eventFieldsSchema, EVENT_TYPES, type EventJob, type EventState } from '@/lib/zod/schemas/events';
import { z } from 'zod';

export const AUTO_SUGGEST_OFF = 'auto-suggest is off';
export const LIMIT_REACHED = 'limit reached';

/** How a job ended: settled for good (processed, skipped), to be tried again (failed) or not (dead). */
export type JobOutcome = Exclude<EventState, 'received'>;

const storedEventSchema = z.object({
  id: z.uuid(),
  user_id: z.uuid(),
  event_type: z.enum(EVENT_TYPES),
  repository: z.string(),
  payload: eventFieldsSchema,
  status: z.string(),
  suggestion: z.string().nullable(),
});

async function record(eventId: string, status: JobOutcome, reason: string | null): Promise<void> {
  await withServiceRole(
    (tx) => tx`
      update public.background_events
      set status = ${status}, reason = ${reason}, attempts = attempts + 1,
        processed_at = case when ${status} in ('processed', 'skipped', 'dead') then now() end
      where id = ${eventId}`,
  );
}

/**
 * Turns an event into a suggestion: a run of the normal pipeline (assembly, provider, usage
 * limits) for the event's owner, with a task written from the event's fields. Safe to run twice:
 * an event already settled, or with a suggestion, makes no other. A run that fails is kept and the
 * job tried again by pg-boss with backoff; after the last attempt the event is dead with the reason.
 */
export async function processEventJob(job: JobWithMetadata<EventJob>, { log }: { log: Logger }): Promise<JobOutcome | 'gone'> {
  const { eventId } = job.data;
  const [row] = await withServiceRole(
    (tx) => tx`
      select e.id, e.user_id, e.event_type, e.repository, e.payload, e.status,
        (select r.status from public.agent_runs r where r.background_event_id = e.id and r.status in ('running', 'succeeded') limit 1) as suggestion
      from public.background_events e where e.id = ${eventId}`,
  );
  // Its owner deleted the account, or the event was already settled by an earlier attempt.
  if (!row) return 'gone';
  const event = storedEventSchema.parse(row);
  if (event.status === 'processed' || event.status === 'skipped') return event.status;
  if (event.suggestion === 'succeeded') {
    await record(eventId, 'processed', null);
    return 'processed';
  }

  const lastAttempt = job.retryCount >= job.retryLimit;
  const fail = async (reason: string): Promise<JobOutcome> => {
    const outcome = lastAttempt ? 'dead' : 'failed';
    await record(eventId, outcome, reason);
    log.warn({ eventId, reason, attempt: job.retryCount + 1 }, `background event ${outcome}`);
    return outcome;
  };
  // A run of an earlier attempt is still open: its drain is at work, or died and left it running
  // (closed here once it is stale, as the daily sweep would).
  if (event.suggestion === 'running') {
    await sweepStaleRuns();
    const [open] = await withServiceRole((tx) => tx`select 1 from public.agent_runs where background_event_id = ${eventId} and status = 'running'`);
    if (open) return fail('an earlier attempt is still running');
  }

  const claims = { sub: event.user_id, role: 'authenticated' };
  const db: UserContext<unknown>['db'] = (fn) => withUserTransaction(claims, fn);
  let run: Awaited<ReturnType<typeof createRun>>;
  try {
    const opened = await db(async (tx) => {
      const vibe = await getVibe(tx, { userId: event.user_id });
      if (!vibe.autoSuggest) return null;
      const task = writeSuggestionTask(event.event_type, event.repository, event.payload);
      const created = await createRun(tx, { userId: event.user_id, body: { task, outputType: 'insight' }, env: serverEnv() });
      await asServer(tx, (server) => server`select private.link_suggestion(${created.id}, ${eventId})`);
      return created;
    });
    if (!opened) {
      await record(eventId, 'skipped', AUTO_SUGGEST_OFF);
      return 'skipped';
    }
    run = opened;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'limit_exceeded') {
      await record(eventId, 'skipped', LIMIT_REACHED);
      return 'skipped';
    }
    // Another attempt linked its suggestion first.
    if (isUniqueViolation(error)) return 'processed';
    log.error({ err: error, eventId }, 'could not start the suggestion run');
    return fail(error instanceof ApiError ? `${error.code}: ${error.message}`.slice(0, 1000) : 'internal_error: the suggestion run could not be started');
  }

  const { failure } = await withRunSpan(run, () => executeRun(db, run, { onDelta: () => {}, isCancelled: () => false, log: log.child({ runId: run.id, eventId }) }));
  if (failure) return fail(`${failure.code}: ${failure.message}`.slice(0, 1000));
  await record(eventId, 'processed', null);
  return 'processed';
}
