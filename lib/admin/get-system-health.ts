import { getMigrationState } from '@/lib/admin/get-migration-state';
import { SWEEP_CRON_JOB } from '@/lib/cron/record-cron-run';
import type { Queryable } from '@/lib/db/client';
import { ADMIN_DEAD_EVENTS_LIMIT, type AdminHealth } from '@/lib/zod/schemas/admin';

interface EventStateRow {
  status: AdminHealth['events'][number]['status'];
  events: number;
  last_at: Date | null;
}

interface DeadEventRow {
  event_id: string;
  user_id: string | null;
  email: string | null;
  repository: string | null;
  event_type: string;
  reason: string | null;
  attempts: number;
  created_at: Date;
}

interface StripeStateRow {
  state: AdminHealth['stripe'][number]['state'];
  events: number;
  last_received_at: Date | null;
}

interface QueueSummaryRow {
  ready: number;
  active: number;
  dead: number;
  oldest_ready_seconds: number | null;
}

interface CronRunRow {
  started_at: Date;
  finished_at: Date;
  outcome: 'succeeded' | 'failed';
  detail: string | null;
}

/**
 * Webhook and queue health: repository events and queue jobs per state, the dead events, the Stripe
 * ledger per state and its unprocessed / failed events, every queue's ready / active / dead jobs
 * with the oldest ready job's age, the daily maintenance's last run and the migration state.
 */
export async function getSystemHealth(tx: Queryable): Promise<AdminHealth> {
  const [events, queue, dead, stripe, [jobs], [ledger], [cron], migrations] = await Promise.all([
    tx<EventStateRow[]>`select * from private.admin_event_states()`,
    tx<{ state: string; jobs: number }[]>`select * from private.admin_queue_states()`,
    tx<DeadEventRow[]>`select * from private.admin_dead_events(${ADMIN_DEAD_EVENTS_LIMIT})`,
    tx<StripeStateRow[]>`select * from private.admin_stripe_event_states()`,
    tx<QueueSummaryRow[]>`select * from private.admin_queue_summary()`,
    tx<{ unprocessed: number; failed: number; oldest_unprocessed_at: Date | null }[]>`select * from private.admin_stripe_ledger()`,
    tx<CronRunRow[]>`select * from private.admin_last_cron_run(${SWEEP_CRON_JOB})`,
    getMigrationState(tx),
  ]);
  return {
    events: events.map((row) => ({ status: row.status, count: row.events, lastAt: row.last_at?.toISOString() ?? null })),
    queue: queue.map((row) => ({ state: row.state, count: row.jobs })),
    deadEvents: dead.map((row) => ({
      id: row.event_id,
      userId: row.user_id,
      email: row.email,
      repository: row.repository,
      eventType: row.event_type,
      reason: row.reason,
      attempts: row.attempts,
      createdAt: row.created_at.toISOString(),
    })),
    stripe: stripe.map((row) => ({ state: row.state, count: row.events, lastReceivedAt: row.last_received_at?.toISOString() ?? null })),
    jobs: { ready: jobs!.ready, active: jobs!.active, dead: jobs!.dead, oldestReadySeconds: jobs!.oldest_ready_seconds },
    stripeLedger: { unprocessed: ledger!.unprocessed, failed: ledger!.failed, oldestUnprocessedAt: ledger!.oldest_unprocessed_at?.toISOString() ?? null },
    lastCronRun: cron
      ? { job: SWEEP_CRON_JOB, startedAt: cron.started_at.toISOString(), finishedAt: cron.finished_at.toISOString(), outcome: cron.outcome, detail: cron.detail }
      : null,
    migrations,
  };
}
