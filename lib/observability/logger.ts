import pino from 'pino';
import { isSecretKey, redactValue } from '@/lib/observability/redact';

/**
 * Structured JSON logs on stdout (what Vercel collects). Every request logs one line with its
 * request id, path, status and duration, which is what the p95 and error-rate alerts read.
 * Secret-named fields and secret-shaped strings are redacted before anything is written.
 */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
      base: { service: 'venture-companion' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => {
          const out: Record<string, unknown> = {};
          for (const [key, value] of Object.entries(object)) {
            out[key] = isSecretKey(key) ? '[redacted]' : redactValue(value);
          }
          return out;
        },
      },
    },
    destination,
  );
}

export const logger = createLogger();

export type Logger = pino.Logger;
