import { pingDatabase } from '@/lib/db/ping';
import { serverEnv } from '@/lib/env';
import { logger } from '@/lib/observability/logger';

// The runbook promises an answer within 2 s even when the database is down.
const DATABASE_TIMEOUT_MS = 1500;

export interface HealthReport {
  status: 'ok' | 'error';
  timestamp: string;
  environment: string;
  version: string;
  checks: { database: { status: 'ok' | 'error'; latencyMs: number } };
}

export async function healthReport(): Promise<HealthReport> {
  const env = serverEnv();
  const database = await pingDatabase(DATABASE_TIMEOUT_MS);
  if (database.status === 'error') logger.error({ check: 'database', reason: database.error }, 'health check failed');
  return {
    status: database.status,
    timestamp: new Date().toISOString(),
    environment: env.environment,
    version: env.version,
    checks: { database: { status: database.status, latencyMs: database.latencyMs } },
  };
}
