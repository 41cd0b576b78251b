import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import * as Sentry from '@sentry/nextjs';
import { context, propagation, trace, type ProxyTracerProvider } from '@opentelemetry/api';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as postRun } from '@/app/api/runs/route';
import { register } from '@/instrumentation';
import { parseServerEnv } from '@/lib/env';
import { registerTracing } from '@/lib/observability/register-tracing';
import { RUN_TRACER } from '@/lib/observability/run-span';
import { runStreamEventSchema, type Run } from '@/lib/zod/schemas/runs';
import { ownerSql } from '@/tests/support/database';
import { DEFAULT_USAGE, fakeOpenAIForThisFile, setEnv } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * Traces of agent runs: the SDK is registered by instrumentation.ts's own register() (with
 * OTEL_EXPORTER_OTLP_* in the environment, and Sentry on beside it), runs go through the real
 * POST /api/runs handler, and a small OTLP/HTTP collector on 127.0.0.1 receives the spans (the
 * JSON encoding of OTLP, OTEL_EXPORTER_OTLP_PROTOCOL=http/json). Every attribute is checked against
 * the run as it was stored.
 */

const sql = ownerSql();
const fake = await fakeOpenAIForThisFile();

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpValue[] };
};
type OtlpAttribute = { key: string; value: OtlpValue };
interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
  attributes?: OtlpAttribute[];
  status?: { code?: number; message?: string };
}
interface ReceivedSpan extends Omit<OtlpSpan, 'attributes'> {
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: string;
}

function decodeValue(value: OtlpValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(decodeValue);
  return undefined;
}
const decodeAttributes = (attributes: OtlpAttribute[] | undefined) =>
  Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, decodeValue(value)]));

/** What the collector received: every span of every export, and each request's path and headers. */
const received: ReceivedSpan[] = [];
/** Sentry's envelopes: the same server stands in for Sentry's ingest (any other path). */
const sentryEnvelopes: string[] = [];
const exports: { path: string; headers: IncomingHttpHeaders; contentType: string | undefined }[] = [];
const collector = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    exports.push({ path: req.url ?? '', headers: req.headers, contentType: req.headers['content-type'] });
    if (req.method !== 'POST' || req.url !== '/v1/traces') {
      const body = Buffer.concat(chunks);
      sentryEnvelopes.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { scope?: { name?: string }; spans?: OtlpSpan[] }[] }[];
    };
    for (const resourceSpans of body.resourceSpans ?? []) {
      const resource = decodeAttributes(resourceSpans.resource?.attributes);
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          received.push({ ...span, attributes: decodeAttributes(span.attributes), resource, scope: scopeSpans.scope?.name ?? '' });
        }
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

const COLLECTOR_KEY = 'collector-key-for-this-test';
let provider: BasicTracerProvider;

beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const { port } = collector.address() as AddressInfo;
  setEnv({
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_HEADERS: `x-collector-key=${COLLECTOR_KEY}`,
    SENTRY_DSN: `http://publickey@127.0.0.1:${port}/42`,
    NEXT_RUNTIME: 'nodejs',
  });
  // Nothing is registered before: spans are no-ops until the endpoint is configured.
  expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
  await register();
  // Ours, not Sentry's: Sentry (initialised after it) registered none, so the spans below reach
  // our collector only if this provider is the global one.
  provider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate() as BasicTracerProvider;
  expect((Sentry.getClient() as { traceProvider?: unknown } | undefined)?.traceProvider).toBeUndefined();
  expect(typeof provider.forceFlush).toBe('function');
  expect(Sentry.getClient()?.getOptions()).toMatchObject({ enableOpenTelemetrySetup: false });
});

afterAll(async () => {
  await Sentry.close(2000);
  await provider?.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
  setEnv({
    OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
    OTEL_EXPORTER_OTLP_PROTOCOL: undefined,
    OTEL_EXPORTER_OTLP_HEADERS: undefined,
    SENTRY_DSN: undefined,
    NEXT_RUNTIME: undefined,
  });
  collector.closeAllConnections();
  await new Promise<void>((resolve) => collector.close(() => resolve()));
});

/** Runs a task through POST /api/runs to its end and returns the run as the stream reported it. */
async function run(user: TestUser, body: object): Promise<Run> {
  const res = await callRoute(postRun, '/api/runs', { method: 'POST', body, headers: bearer(user) });
  expect(res.status).toBe(200);
  const last = runStreamEventSchema.parse(JSON.parse(res.text.trim().split('\n').at(-1)!));
  if ((last.type !== 'done' && last.type !== 'error') || !last.run) throw new Error(`no final run: ${res.text}`);
  return last.run;
}

/** Flushes the SDK and returns the one run span for this run id. */
async function spanOf(runId: string): Promise<ReceivedSpan> {
  await provider.forceFlush();
  const spans = received.filter((span) => span.scope === RUN_TRACER && span.attributes['venture_companion.run.id'] === runId);
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

async function storedRow(id: string) {
  const [row] = await sql<{ input_tokens: number; cached_input_tokens: number; output_tokens: number; cost_usd: string; selected_atoms: string[]; status: string; model: string; provider: string }[]>`
    select input_tokens, cached_input_tokens, output_tokens, cost_usd::text, selected_atoms, status, model, provider from public.agent_runs where id = ${id}`;
  return row!;
}

const SPAN_KIND_CLIENT = 3;
const STATUS_UNSET = 0;
const STATUS_ERROR = 2;

describe('agent run traces over OTLP/HTTP', () => {
  it('without OTEL_EXPORTER_OTLP_ENDPOINT nothing is registered', () => {
    const env = parseServerEnv({ ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(registerTracing(env)).toBe(false);
  });

  it('a malformed endpoint or an unsupported protocol fails at start-up', () => {
    expect(() => parseServerEnv({ ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    // gRPC is not spoken by the SDK in this runtime: refused rather than quietly sent as protobuf.
    expect(() => parseServerEnv({ ...process.env, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL/);
  });

  it("a run is one 'chat <model>' span whose GenAI attributes are the stored run's model, tokens, cost and atoms", async () => {
    const user = await createUser('otel-openai');
    const task = 'Write the launch announcement for our private beta';
    fake.enqueue({ kind: 'stream', usage: DEFAULT_USAGE });
    const stored = await run(user, { task, outputType: 'content' });
    expect(stored.status).toBe('succeeded');
    const row = await storedRow(stored.id);
    expect(row.selected_atoms.length).toBeGreaterThan(0);
    expect(Number(row.cost_usd)).toBeGreaterThan(0);

    const span = await spanOf(stored.id);
    expect(span.name).toBe('chat gpt-4o-mini');
    expect(span.kind).toBe(SPAN_KIND_CLIENT);
    expect(span.status?.code ?? STATUS_UNSET).toBe(STATUS_UNSET);
    expect(span.resource['service.name']).toBe('venture-companion');
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': row.model,
      'gen_ai.usage.input_tokens': row.input_tokens,
      'gen_ai.usage.cache_read.input_tokens': row.cached_input_tokens,
      'gen_ai.usage.output_tokens': row.output_tokens,
      'gen_ai.response.finish_reasons': ['stop'],
      'venture_companion.run.id': stored.id,
      'venture_companion.run.cost_usd': Number(row.cost_usd),
      'venture_companion.run.atoms': row.selected_atoms,
      'venture_companion.run.output_type': 'content',
      'venture_companion.run.status': 'succeeded',
      'gen_ai.conversation.id': stored.threadId,
    });
    // The provider's own figures reached the span (not an estimate).
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe(DEFAULT_USAGE.prompt_tokens);
    expect(span.attributes['gen_ai.usage.output_tokens']).toBe(DEFAULT_USAGE.completion_tokens);
    expect(span.attributes).not.toHaveProperty('error.type');
    // Privacy: neither the task nor the answer is on the span.
    const values = JSON.stringify(span.attributes);
    expect(values).not.toContain('launch announcement');
    expect(values).not.toContain(JSON.stringify(stored.output).slice(1, 40));

    // The exporter sent to <endpoint>/v1/traces, as JSON, with the configured headers.
    const last = exports.at(-1)!;
    expect(last.path).toBe('/v1/traces');
    expect(last.contentType).toContain('application/json');
    expect(last.headers['x-collector-key']).toBe(COLLECTOR_KEY);
  });

  it('an offline run is traced with the offline provider and its zero cost', async () => {
    const user = await createUser('otel-offline');
    const stored = await run(user, { task: 'Plan the pricing page', outputType: 'workflow', inputFilter: { provider: 'offline' } });
    expect(stored).toMatchObject({ status: 'succeeded', provider: 'offline', model: 'offline' });
    const row = await storedRow(stored.id);
    const span = await spanOf(stored.id);
    expect(span.name).toBe('chat offline');
    expect(span.attributes).toMatchObject({
      'gen_ai.provider.name': 'offline',
      'gen_ai.request.model': 'offline',
      'gen_ai.usage.input_tokens': row.input_tokens,
      'gen_ai.usage.output_tokens': row.output_tokens,
      'venture_companion.run.cost_usd': 0,
      'venture_companion.run.atoms': row.selected_atoms,
      'venture_companion.run.output_type': 'workflow',
    });
    expect(row.input_tokens).toBeGreaterThan(0);
  });

  it('a failed run has status ERROR with its failure code', async () => {
    const user = await createUser('otel-failed');
    fake.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    const stored = await run(user, { task: 'Draft a tweet', outputType: 'content' });
    expect(stored.status).toBe('failed');
    const span = await spanOf(stored.id);
    expect(span.status).toMatchObject({ code: STATUS_ERROR, message: 'provider_error' });
    expect(span.attributes).toMatchObject({
      'error.type': 'provider_error',
      'venture_companion.run.status': 'failed',
      'gen_ai.usage.input_tokens': 0,
      'gen_ai.usage.output_tokens': 0,
      'venture_companion.run.cost_usd': 0,
    });
    expect(span.attributes).not.toHaveProperty('gen_ai.response.finish_reasons');
  });

  it('an answer that breaks the format fails as invalid_output, with the tokens it used', async () => {
    const user = await createUser('otel-invalid');
    fake.enqueue({ kind: 'stream', content: 'not json at all', usage: DEFAULT_USAGE });
    const stored = await run(user, { task: 'Draft a tweet', outputType: 'content' });
    expect(stored.status).toBe('failed');
    const row = await storedRow(stored.id);
    const span = await spanOf(stored.id);
    expect(span.status).toMatchObject({ code: STATUS_ERROR, message: 'invalid_output' });
    expect(span.attributes).toMatchObject({
      'error.type': 'invalid_output',
      'gen_ai.usage.input_tokens': row.input_tokens,
      'gen_ai.usage.output_tokens': row.output_tokens,
      'venture_companion.run.cost_usd': Number(row.cost_usd),
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expect(row.output_tokens).toBe(DEFAULT_USAGE.completion_tokens);
  });

  it("Sentry's events carry the trace id of the span that was active", async () => {
    const traceId = await trace.getTracer('test').startActiveSpan('around an error', async (span) => {
      Sentry.captureException(new Error('reported inside a span'));
      span.end();
      return span.spanContext().traceId;
    });
    await Sentry.flush(5000);
    const envelope = sentryEnvelopes.find((text) => text.includes('reported inside a span'));
    expect(envelope, 'the event reached the stand-in ingest').toBeDefined();
    const event = JSON.parse(envelope!.split('\n')[2]!) as { contexts: { trace: { trace_id: string } } };
    expect(event.contexts.trace.trace_id).toBe(traceId);
  });
});
