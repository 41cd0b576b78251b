import { PgBoss } from 'pg-boss';
import { getPool } from '@/lib/db/client';
import { queueDb } from '@/lib/events/queue-db';
import { logger } from '@/lib/observability/logger';

/** The queue of repository events (created by migration 023 with its retry policy). */
export const CODE_REPO_QUEUE = 'code-repo-events';
export const QUEUE_SCHEMA = 'pgboss';

declare global {
  var __vcEventQueue: Promise<PgBoss> | undefined;
}

/**
 * pg-boss, started once per process on the app's pool (looked up per query, as the pool is
 * reopened after closePool). Migrations own its schema (migrate off),
 * and nothing runs in the background (no supervision, schedules or workers): jobs are sent with
 * their event and taken by the bounded drains, so a serverless function leaves nothing behind.
 */
export function eventQueue(): Promise<PgBoss> {
  globalThis.__vcEventQueue ??= (async () => {
    // No instance registry either: its heartbeat is a timer, and functions come and go.
    const boss = new PgBoss({
      db: { executeSql: (text, values) => queueDb(getPool(), { pooled: true }).executeSql(text, values) },
      schema: QUEUE_SCHEMA,
      migrate: false,
      createSchema: false,
      supervise: false,
      schedule: false,
      registerInstance: false,
    });
    boss.on('error', (error) => logger.error({ err: error }, 'event queue error'));
    return boss.start();
  })().catch((error: unknown) => {
    globalThis.__vcEventQueue = undefined;
    throw error;
  });
  return globalThis.__vcEventQueue;
}
