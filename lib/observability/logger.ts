import pino from 'pino';
import { isSecretKey, redactValue } from '@/lib/observability/redact';

/**
 * Structured JSON logs on stdout (what Vercel collects). Every request logs one line with its
 * request id, route, status and duration, which is what the p95 and error-rate alerts read.
 */
export const logger = pino({
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
  serializers: {
    err: (error: unknown) => {
      const serialized = pino.stdSerializers.err(error as Error);
      return redactValue(serialized) as pino.SerializedError;
    },
  },
});

export type Logger = pino.Logger;
