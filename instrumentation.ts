import * as Sentry from '@sentry/nextjs';

export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Fail at start-up, not at the first request, when the environment is incomplete.
  const { serverEnv } = await import('@/lib/env');
  const env = serverEnv();
  // Traces first (only with OTEL_EXPORTER_OTLP_ENDPOINT): the OpenTelemetry provider is registered
  // once per process, and Sentry, told so by the same variable, registers none of its own.
  const { registerTracing } = await import('@/lib/observability/register-tracing');
  registerTracing(env);
  const { initSentry } = await import('@/lib/observability/sentry');
  initSentry();
}

// Errors thrown while rendering pages and server components; API routes report their own
// unhandled errors (with the request id) from handleApiError.
export const onRequestError = Sentry.captureRequestError;
