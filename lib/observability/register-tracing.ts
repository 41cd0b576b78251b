import { registerOTel } from '@vercel/otel';
import type { ServerEnv } from '@/lib/env';

export const SERVICE_NAME = 'venture-companion';

/**
 * Registers the OpenTelemetry SDK (@vercel/otel) when OTEL_EXPORTER_OTLP_ENDPOINT is set, and
 * nothing otherwise: without a registered provider every span (lib/observability/run-span.ts) is
 * a no-op. Spans go over OTLP/HTTP to `<endpoint>/v1/traces`, protobuf unless
 * OTEL_EXPORTER_OTLP_PROTOCOL=http/json, with the headers of OTEL_EXPORTER_OTLP_HEADERS
 * ("name=value,…"): the SDK reads those variables itself, as every OpenTelemetry SDK does, so a
 * collector, Langfuse, Grafana or Datadog is configured the way its own documentation says.
 * Called from instrumentation.ts before Sentry, which then leaves OpenTelemetry to this provider.
 */
export function registerTracing(env: ServerEnv): boolean {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  registerOTel({
    serviceName: SERVICE_NAME,
    attributes: { 'deployment.environment.name': env.environment, 'service.version': env.version },
  });
  return true;
}
