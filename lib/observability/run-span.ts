import { SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { APP_VERSION } from '@/lib/env';
import type { CreatedRun } from '@/lib/runs/create-run';
import type { RunResult } from '@/lib/runs/execute-run';

/** The instrumentation scope of the run spans. */
export const RUN_TRACER = 'venture-companion.runs';

/**
 * Wraps one agent run (the model's answer, its check and the settlement) in a span named
 * `chat <model>`, with the attributes of OpenTelemetry's GenAI semantic conventions and ours
 * (venture_companion.run.*), so any OTLP backend (Langfuse, Grafana, Datadog) shows model, tokens
 * and cost per run. A run that fails has status ERROR and `error.type` = its failure code.
 *
 * Privacy: no prompt, task, answer or error text is put on the span (the conventions' optional
 * gen_ai.input.messages / gen_ai.output.messages are left out on purpose); only ids, counts, the
 * model and codes. Without a registered tracer provider (OTEL_EXPORTER_OTLP_ENDPOINT unset) the
 * span is a no-op.
 */
export async function withRunSpan(run: CreatedRun, execute: () => Promise<RunResult>): Promise<RunResult> {
  const tracer = trace.getTracer(RUN_TRACER, APP_VERSION);
  const attributes: Attributes = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': run.provider.name,
    // The attribute's older name, which most backends still read.
    'gen_ai.system': run.provider.name,
    'gen_ai.request.model': run.model,
    'gen_ai.request.max_tokens': run.maxTokens,
    ...(run.temperature === null ? {} : { 'gen_ai.request.temperature': run.temperature }),
    'gen_ai.output.type': 'json',
    'gen_ai.conversation.id': run.threadId,
    'venture_companion.run.id': run.id,
    'venture_companion.run.output_type': run.outputType,
    'venture_companion.run.templates': run.templates.map((template) => template.id),
  };
  return tracer.startActiveSpan(`chat ${run.model}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const { run: stored, failure, finishReason } = await execute();
      span.setAttributes({
        'gen_ai.response.model': stored.model,
        'gen_ai.usage.input_tokens': stored.inputTokens,
        'gen_ai.usage.cache_read.input_tokens': stored.cachedInputTokens,
        'gen_ai.usage.output_tokens': stored.outputTokens,
        ...(finishReason ? { 'gen_ai.response.finish_reasons': [finishReason] } : {}),
        'venture_companion.run.cost_usd': stored.costUsd,
        'venture_companion.run.atoms': stored.selectedAtoms,
        'venture_companion.run.status': stored.status,
        'venture_companion.run.trigger': stored.trigger,
        ...(stored.latencyMs === null ? {} : { 'venture_companion.run.latency_ms': stored.latencyMs }),
      });
      if (failure) {
        span.setAttribute('error.type', failure.code);
        span.setStatus({ code: SpanStatusCode.ERROR, message: failure.code });
      }
      return { run: stored, failure, finishReason };
    } catch (error) {
      // The run could not be settled (the database failed): no stored run to describe.
      span.setAttribute('error.type', 'internal_error');
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'internal_error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
