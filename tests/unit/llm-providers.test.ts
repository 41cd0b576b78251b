import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { parseServerEnv } from '@/lib/env';
import { offlineProvider } from '@/lib/llm/offline-provider';
import type { CompletionEvent } from '@/lib/llm/provider';
import { toProviderError } from '@/lib/llm/provider-error';
import { selectProvider } from '@/lib/llm/select-provider';
import { resolveOutputType } from '@/lib/runs/resolve-output-type';
import { OUTPUT_SCHEMAS, OUTPUT_TYPES } from '@/lib/zod/schemas/runs';

async function collect(events: AsyncIterable<CompletionEvent>): Promise<CompletionEvent[]> {
  const all: CompletionEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe("the output type 'auto' picks", () => {
  it.each([
    ['Design an agent that triages our support inbox', 'agent_scaffold'],
    ['Build a Slack bot for stand-ups', 'agent_scaffold'],
    ['Write a Python script that analyses churn', 'code'],
    ['Refactor the billing endpoint', 'code'],
    ['Automate the release process for the mobile app', 'workflow'],
    ['A step-by-step onboarding checklist', 'workflow'],
    ['Why did churn rise in March?', 'insight'],
    ['Compare our KPIs with last quarter', 'insight'],
    ['Write a launch email for the beta', 'content'],
    ['', 'content'],
  ])('%s → %s', (task, type) => {
    expect(resolveOutputType(task)).toBe(type);
  });

  it('matches whole words only, in any case', () => {
    expect(resolveOutputType('Thoughts on the robotics market')).toBe('content');
    expect(resolveOutputType('AGENT handoff')).toBe('agent_scaffold');
  });
});

describe('the offline provider', () => {
  const request = (outputType: (typeof OUTPUT_TYPES)[number], task = 'Plan the launch. Invite ten design partners.\nWrite the FAQ.') => ({
    system: 'You are Venture Companion, a helpful cofounder.',
    user: `Task: ${task}`,
    model: 'offline',
    maxTokens: 100,
    temperature: null,
    outputType,
    task,
    history: [],
  });

  it.each(OUTPUT_TYPES)('answers %s in a few chunks with JSON that matches its schema, then word-count usage', async (outputType) => {
    const events = await collect(offlineProvider.streamCompletion(request(outputType)));
    const deltas = events.filter((event) => event.type === 'delta');
    const final = events.at(-1);
    expect(deltas.length).toBeGreaterThan(1);
    if (final?.type !== 'final') throw new Error('no final event');
    expect(deltas.map((event) => (event.type === 'delta' ? event.delta : '')).join('')).toBe(final.text);
    expect(OUTPUT_SCHEMAS[outputType].safeParse(JSON.parse(final.text)).success).toBe(true);
    expect(final.usage).toEqual({ input: 7 + 11, cached: 0, output: final.text.split(/\s+/).filter(Boolean).length });
    expect(final.finishReason).toBe('stop');
  });

  it('streams a longer answer in more chunks of at most 64 characters, so it takes longer as a model would', async () => {
    const deltasOf = async (task: string) =>
      (await collect(offlineProvider.streamCompletion(request('content', task)))).flatMap((event) => (event.type === 'delta' ? [event.delta] : []));
    const short = await deltasOf('Name three pricing tiers');
    const long = await deltasOf('Summarise the quarter for our investors. '.repeat(40));
    expect(short).toHaveLength(4);
    expect(long.length).toBeGreaterThan(20);
    expect(Math.max(...long.map((delta) => Array.from(delta).length))).toBeLessThanOrEqual(64);
  });

  it('is deterministic and keeps within the schema limits for a long task', async () => {
    const task = `${'word '.repeat(3000)}\n`.repeat(2);
    const first = (await collect(offlineProvider.streamCompletion(request('content', task)))).at(-1);
    const second = (await collect(offlineProvider.streamCompletion(request('content', task)))).at(-1);
    expect(first).toEqual(second);
    for (const outputType of OUTPUT_TYPES) {
      const final = (await collect(offlineProvider.streamCompletion(request(outputType, task)))).at(-1);
      if (final?.type !== 'final') throw new Error('no final event');
      expect(OUTPUT_SCHEMAS[outputType].safeParse(JSON.parse(final.text)).success).toBe(true);
    }
  });
});

describe('provider errors become messages a person understands', () => {
  const headers = new Headers();
  const timing = { timedOut: false, timeoutMs: 60_000 };

  it.each([
    ['a 429 after the retries', new OpenAI.RateLimitError(429, { message: 'slow down' }, undefined, headers), 'provider_rate_limited', 'The model provider is rate limiting us; try again in a minute.'],
    ['a 500', new OpenAI.InternalServerError(500, undefined, undefined, headers), 'provider_error', 'The model provider failed (HTTP 500).'],
    ['a 503', new OpenAI.InternalServerError(503, undefined, undefined, headers), 'provider_error', 'The model provider failed (HTTP 503).'],
    ['a connection failure', new OpenAI.APIConnectionError({ message: 'ECONNREFUSED' }), 'provider_unreachable', 'Could not reach the model provider.'],
    ['the SDK timeout', new OpenAI.APIConnectionTimeoutError(), 'provider_timeout', 'The model did not answer within 60 s.'],
    [
      'a bad request',
      new OpenAI.BadRequestError(400, { message: "Invalid schema for response_format 'content'" }, undefined, headers),
      'provider_error',
      "The model provider refused the request (HTTP 400): Invalid schema for response_format 'content'",
    ],
    ['a wrong key', new OpenAI.AuthenticationError(401, { message: 'Incorrect API key provided: sk-abc***xyz' }, undefined, headers), 'provider_error', "The model provider refused our credentials (HTTP 401); the server's OPENAI_API_KEY needs attention."],
  ])('%s', (_name, error, code, message) => {
    const mapped = toProviderError(error, timing);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toBe(message);
  });

  it('our own deadline is a timeout, whatever the SDK reports', () => {
    expect(toProviderError(new OpenAI.APIUserAbortError(), { timedOut: true, timeoutMs: 1500 }).message).toBe('The model did not answer within 1.5 s.');
  });

  it('anything else is an internal error with no details', () => {
    const mapped = toProviderError(new Error('secret details'), timing);
    expect(mapped.code).toBe('internal_error');
    expect(mapped.message).not.toContain('secret');
  });
});

describe('LLM environment and provider choice', () => {
  const base = { DATABASE_URL: 'postgres://localhost/db', AUTH_MODE: 'embedded', EMBEDDED_AUTH_SIGNING_KEY: '{"kid":"k"}' };

  it('defaults to gpt-4o-mini and a 60 s deadline, and refuses a default model without a price', () => {
    const env = parseServerEnv(base);
    expect(env).toMatchObject({ OPENAI_MODEL: 'gpt-4o-mini', OPENAI_TIMEOUT_MS: 60_000, OPENAI_TRANSCRIBE_MODEL: 'whisper-1' });
    expect(env.OPENAI_API_KEY).toBeUndefined();
    expect(parseServerEnv({ ...base, OPENAI_MODEL: 'gpt-5-mini', OPENAI_TIMEOUT_MS: '1500' })).toMatchObject({ OPENAI_MODEL: 'gpt-5-mini', OPENAI_TIMEOUT_MS: 1500 });
    expect(() => parseServerEnv({ ...base, OPENAI_MODEL: 'llama-3' })).toThrow(/OPENAI_MODEL/);
    expect(() => parseServerEnv({ ...base, OPENAI_BASE_URL: 'not a url' })).toThrow(/OPENAI_BASE_URL/);
  });

  it('answers offline without a key, or when asked to, priced at zero', () => {
    const offline = selectProvider(parseServerEnv(base), { model: 'gpt-4o', provider: undefined });
    expect(offline).toMatchObject({ model: 'offline', price: { inputPerMTok: 0, cachedInputPerMTok: 0, outputPerMTok: 0 } });
    expect(offline.provider.name).toBe('offline');
    const withKey = parseServerEnv({ ...base, OPENAI_API_KEY: 'sk-test-0123456789abcdefghij' });
    expect(selectProvider(withKey, { model: 'gpt-4o', provider: undefined })).toMatchObject({ model: 'gpt-4o', price: { inputPerMTok: 2.5 } });
    expect(selectProvider(withKey, { model: 'gpt-4o', provider: undefined }).provider.name).toBe('openai');
    expect(selectProvider(withKey, { model: 'gpt-4o', provider: 'offline' }).provider.name).toBe('offline');
    expect(selectProvider(withKey, { model: 'offline', provider: undefined }).provider.name).toBe('offline');
  });

  it('refuses a model without a price, naming the allowed ones, even offline', () => {
    expect(() => selectProvider(parseServerEnv(base), { model: 'claude-3-opus', provider: undefined })).toThrow(
      /^model: "claude-3-opus" is not available\. Choose one of gpt-4o-mini, gpt-4o, gpt-4\.1, /,
    );
  });
});
