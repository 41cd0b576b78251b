import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach } from 'vitest';
import { resetServerEnvForTests } from '@/lib/env';

/**
 * A small OpenAI-compatible server on 127.0.0.1 for tests and benchmarks, driven through the real
 * `openai` SDK (OPENAI_BASE_URL = fake.url). Chat completions answer as scripted, one script per
 * request in the order enqueued, then the default: a valid answer for the requested output type.
 * Scripts cover SSE streaming (with the final usage chunk when stream_options.include_usage is
 * set), non-streamed JSON, HTTP errors, delays before the first byte and between chunks, and any
 * content (including answers that break the schema). POST /v1/audio/transcriptions answers the
 * configured transcript and reports the audio's duration as OpenAI does: `duration` in
 * verbose_json, `usage` of type duration in json from whisper models, and token usage (no duration)
 * from gpt-4o transcription models. Every request is recorded.
 */

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens?: number;
}

export interface StreamScript {
  kind: 'stream';
  /** The answer, as one string split into `chunks` pieces, or as the exact chunks. Default: a valid sample. */
  content?: string | string[];
  chunks?: number;
  usage?: FakeUsage;
  finishReason?: string;
  refusal?: string;
  /** Leave the usage chunk out even when include_usage asks for it. */
  omitUsage?: boolean;
  delayBeforeFirstByteMs?: number;
  delayBetweenChunksMs?: number;
}

export interface JsonScript {
  kind: 'json';
  content?: string;
  usage?: FakeUsage;
  delayMs?: number;
}

export interface ErrorScript {
  kind: 'error';
  status: number;
  message?: string;
  /** Default for 429 and 5xx: retry-after-ms: 1, so the SDK's retries do not slow the tests. */
  headers?: Record<string, string>;
}

export type ChatScript = StreamScript | JsonScript | ErrorScript;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON for chat completions; for uploads, the multipart fields that are not files. */
  body: Record<string, any>;
  bodyBytes: number;
  file?: { name: string; contentType: string };
  /** What the fake answered: the script used and, for a completed stream, the usage it sent. */
  script?: ChatScript;
  usageSent?: FakeUsage;
  completed: boolean;
}

export interface FakeOpenAI {
  /** The base URL for the SDK, ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  enqueue(...scripts: ChatScript[]): void;
  /** Used when no script is queued; a function may look at the request body. */
  setDefault(script: ChatScript | ((body: Record<string, any>) => ChatScript)): void;
  transcript: string;
  /** The duration, in seconds, the transcription reports for any upload; null reports none. */
  transcriptDuration: number | null;
  /** An HTTP status every transcription answers with instead (5xx and 429 with retry-after-ms: 1); null answers normally. */
  transcriptionFailure: number | null;
  /** Resolves when `count` streams in total have been written to their end ([DONE]). */
  streamsCompleted(count: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_TRANSCRIPT_DURATION = 4.2;

export const DEFAULT_USAGE: FakeUsage = { prompt_tokens: 1200, completion_tokens: 180, cached_tokens: 200 };

/** A valid answer per output type (the response_format's json_schema name). */
export const SAMPLE_OUTPUTS: Record<string, unknown> = {
  content: { title: 'Launch announcement', body: 'We are launching on Monday. Here is what changes for you.' },
  agent_scaffold: { name: 'Triage agent', goal: 'Label new issues', tools: ['issue_tracker'], steps: ['Read the issue', 'Pick a label'] },
  workflow: { name: 'Release', trigger: 'A tag is pushed', steps: [{ name: 'Build', action: 'Run the build' }] },
  code: { language: 'typescript', files: [{ path: 'src/index.ts', contents: 'export const answer = 42;\n' }], notes: 'No dependencies.' },
  insight: { headline: 'Churn rose in March', findings: ['Most churned accounts were on the free tier'], recommendation: 'Improve onboarding.' },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function split(text: string, pieces: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Just enough multipart parsing for the transcription endpoint: text fields and the file's name and type. */
function parseMultipart(body: Buffer, contentType: string): Pick<RecordedRequest, 'body' | 'file'> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const fields: Record<string, string> = {};
  let file: RecordedRequest['file'];
  if (!boundary) return { body: fields };
  const text = body.toString('latin1');
  for (const part of text.split(`--${boundary[1] ?? boundary[2]}`)) {
    const [head, ...rest] = part.split('\r\n\r\n');
    if (!head || rest.length === 0) continue;
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (filename !== undefined) {
      file = { name: filename, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '' };
    } else if (name) {
      fields[name] = rest.join('\r\n\r\n').replace(/\r\n$/, '');
    }
  }
  return { body: fields, file };
}

/** The transcription's answer in the requested response_format, with its duration where that format carries one. */
function transcriptionAnswer(fields: Record<string, string>, text: string, duration: number | null): Record<string, unknown> {
  if (fields.response_format === 'verbose_json') {
    return { task: 'transcribe', language: 'english', text, segments: [], ...(duration !== null && { duration }) };
  }
  if (/^gpt-4o/.test(fields.model ?? '')) {
    return { text, usage: { type: 'tokens', input_tokens: 120, output_tokens: 12, total_tokens: 132 } };
  }
  return { text, ...(duration !== null && { usage: { type: 'duration', seconds: Math.ceil(duration) } }) };
}

function sampleFor(body: Record<string, any>): string {
  const name = body.response_format?.json_schema?.name as string | undefined;
  return JSON.stringify(SAMPLE_OUTPUTS[name ?? 'content'] ?? SAMPLE_OUTPUTS.content);
}

function usageJson(usage: FakeUsage) {
  return {
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
    total_tokens: usage.prompt_tokens + usage.completion_tokens,
    prompt_tokens_details: { cached_tokens: usage.cached_tokens ?? 0 },
  };
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const queue: ChatScript[] = [];
  let fallback: ChatScript | ((body: Record<string, any>) => ChatScript) = { kind: 'stream' };
  const requests: RecordedRequest[] = [];
  let completedStreams = 0;
  let waiters: { count: number; resolve: () => void }[] = [];
  let sequence = 0;

  const streamCompleted = () => {
    completedStreams += 1;
    waiters = waiters.filter((waiter) => {
      if (completedStreams < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  };

  async function answerChat(req: IncomingMessage, res: ServerResponse, record: RecordedRequest): Promise<void> {
    const body = record.body;
    const script = queue.shift() ?? (typeof fallback === 'function' ? fallback(body) : fallback);
    record.script = script;
    const id = `chatcmpl-fake-${++sequence}`;
    const created = Math.floor(Date.now() / 1000);
    const model = String(body.model ?? 'unknown');
    let closed = false;
    res.on('close', () => {
      closed = true;
    });

    if (script.kind === 'error') {
      const retryable = script.status === 429 || script.status >= 500;
      res.writeHead(script.status, { 'content-type': 'application/json', ...(retryable && { 'retry-after-ms': '1' }), ...script.headers });
      res.end(JSON.stringify({ error: { message: script.message ?? `scripted HTTP ${script.status}`, type: 'fake_error', code: null } }));
      record.completed = true;
      return;
    }

    const content = Array.isArray(script.content) ? script.content.join('') : (script.content ?? sampleFor(body));
    const usage = script.usage ?? DEFAULT_USAGE;
    if (script.kind === 'json' || body.stream !== true) {
      if (script.kind === 'json' && script.delayMs) await sleep(script.delayMs);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
          usage: usageJson(usage),
        }),
      );
      record.usageSent = usage;
      record.completed = true;
      return;
    }

    if (script.delayBeforeFirstByteMs) await sleep(script.delayBeforeFirstByteMs);
    if (closed) return;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const includeUsage = body.stream_options?.include_usage === true && !script.omitUsage;
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...(includeUsage && { usage: null }), ...extra })}\n\n`;
    const pieces = Array.isArray(script.content) ? script.content : split(content, script.chunks ?? 5);

    res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
    for (const piece of pieces) {
      if (script.delayBetweenChunksMs) await sleep(script.delayBetweenChunksMs);
      if (closed) return;
      res.write(chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]));
    }
    if (script.refusal) res.write(chunk([{ index: 0, delta: { refusal: script.refusal }, finish_reason: null }]));
    res.write(chunk([{ index: 0, delta: {}, finish_reason: script.finishReason ?? 'stop' }]));
    if (includeUsage) res.write(chunk([], { usage: usageJson(usage) }));
    res.end('data: [DONE]\n\n');
    record.usageSent = includeUsage ? usage : undefined;
    record.completed = true;
    streamCompleted();
  }

  const fake: FakeOpenAI = {
    url: '',
    requests,
    transcript: 'Draft a launch email for our beta users.',
    transcriptDuration: DEFAULT_TRANSCRIPT_DURATION,
    transcriptionFailure: null,
    enqueue: (...scripts) => {
      queue.push(...scripts);
    },
    setDefault: (script) => {
      fallback = script;
    },
    streamsCompleted: (count) =>
      completedStreams >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      fallback = { kind: 'stream' };
      fake.transcriptDuration = DEFAULT_TRANSCRIPT_DURATION;
      fake.transcriptionFailure = null;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const path = (req.url ?? '').split('?')[0] ?? '';
      const contentType = req.headers['content-type'] ?? '';
      const record: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: {}, bodyBytes: raw.length, completed: false };
      requests.push(record);
      if (req.method === 'POST' && path === '/v1/chat/completions') {
        record.body = JSON.parse(raw.toString('utf8') || '{}');
        await answerChat(req, res, record);
      } else if (req.method === 'POST' && path === '/v1/audio/transcriptions') {
        Object.assign(record, parseMultipart(raw, contentType));
        if (fake.transcriptionFailure !== null) {
          res.writeHead(fake.transcriptionFailure, { 'content-type': 'application/json', 'retry-after-ms': '1' });
          res.end(JSON.stringify({ error: { message: `scripted HTTP ${fake.transcriptionFailure}`, type: 'fake_error', code: null } }));
          record.completed = true;
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(transcriptionAnswer(record.body, fake.transcript, fake.transcriptDuration)));
        record.completed = true;
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: 'not_found' } }));
      }
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error), type: 'fake_crash' } }));
    });
  });
  // Keep-alive sockets would hold close() open after the tests.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const close = fake.close;
  fake.close = () => {
    server.closeAllConnections();
    return close();
  };
  return fake;
}

export const FAKE_API_KEY = 'sk-test-fake-0123456789abcdefghij';

/** Sets (undefined: removes) environment variables and makes the app read its environment again. */
export function setEnv(env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetServerEnvForTests();
}

/**
 * A fake provider for one test file: before each test it forgets earlier scripts and the app is
 * pointed at it with a key; afterwards the LLM settings are removed and the server closed.
 */
export async function fakeOpenAIForThisFile(): Promise<FakeOpenAI> {
  const fake = await startFakeOpenAI();
  beforeEach(() => {
    fake.reset();
    setEnv({ OPENAI_API_KEY: FAKE_API_KEY, OPENAI_BASE_URL: fake.url, OPENAI_TIMEOUT_MS: undefined, OPENAI_MODEL: undefined, OPENAI_TRANSCRIBE_MODEL: undefined });
  });
  afterAll(async () => {
    setEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, OPENAI_TIMEOUT_MS: undefined, OPENAI_MODEL: undefined, OPENAI_TRANSCRIBE_MODEL: undefined });
    await fake.close();
  });
  return fake;
}
