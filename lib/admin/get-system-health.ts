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

/** Webhook and queue health: repository events and queue jobs per state, the dead events, and the Stripe ledger per state. */
export async function getSystemHealth(tx: Queryable): Promise<AdminHealth> {
  const [events, queue, dead, stripe] = await Promise.all([
    tx<EventStateRow[]>`select * from private.admin_event_states()`,
    tx<{ state: string; jobs: number }[]>`select * from private.admin_queue_states()`,
    tx<DeadEventRow[]>`select * from private.admin_dead_events(${ADMIN_DEAD_EVENTS_LIMIT})`,
    tx<StripeStateRow[]>`select * from private.admin_stripe_event_states()`,
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
  };
}
