import { getPool } from '@/lib/db/client';

export interface DatabasePing {
  status: 'ok' | 'error';
  latencyMs: number;
  error?: string;
}

/** A bounded round trip: an unreachable database answers "error" within timeoutMs, never hangs. */
export async function pingDatabase(timeoutMs: number): Promise<DatabasePing> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([getPool()`select 1`, timeout]);
    return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'error',
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : 'unknown error',
    };
  } finally {
    clearTimeout(timer);
  }
}
