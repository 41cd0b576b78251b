import * as Sentry from '@sentry/nextjs';
import { serverEnv } from '@/lib/env';
import { REDACTED, redactValue } from '@/lib/observability/redact';

type ErrorEvent = Parameters<NonNullable<Sentry.NodeOptions['beforeSend']>>[0];

/** Removes credentials from an event before it leaves the process. */
export function scrubEvent(event: ErrorEvent): ErrorEvent {
  const request = event.request;
  if (request) {
    if (request.headers) {
      for (const name of Object.keys(request.headers)) {
        if (/^(authorization|cookie|x-api-key|stripe-signature|x-hub-signature-256)$/i.test(name)) {
          request.headers[name] = REDACTED;
        }
      }
    }
    if (request.cookies) request.cookies = {};
    if (request.data !== undefined) request.data = REDACTED;
    if (typeof request.query_string === 'string') request.query_string = REDACTED;
  }
  return redactValue(event) as ErrorEvent;
}

/** Sentry is on only when SENTRY_DSN is set; without it nothing is sent anywhere. */
export function initSentry(): boolean {
  const env = serverEnv();
  if (!env.SENTRY_DSN) return false;
  Sentry.init({
    dsn: env.SENTRY_DSN,
    environment: env.environment,
    release: env.version,
    // No user info, cookies, bodies or query strings; headers only with a deny list.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpBodies: [],
      urlQueryParams: false,
      httpHeaders: { deny: ['authorization', 'cookie', 'set-cookie', 'x-api-key', 'stripe-signature', 'x-hub-signature-256'] },
    },
    // From the environment (SENTRY_TRACES_SAMPLE_RATE, default 0): the latency alert needs transactions.
    tracesSampleRate: env.SENTRY_TRACES_SAMPLE_RATE,
    // With OTEL_EXPORTER_OTLP_ENDPOINT set, our own tracer provider (lib/observability/register-tracing.ts)
    // owns OpenTelemetry: Sentry registers none of its own and attaches its events to our active span.
    ...(env.OTEL_EXPORTER_OTLP_ENDPOINT ? { enableOpenTelemetrySetup: false, integrations: [Sentry.openTelemetryIntegration()] } : {}),
    beforeSend: (event) => scrubEvent(event),
  });
  return true;
}
