import { beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { GET as listRuns, POST as postRun } from '@/app/api/runs/route';
import { GET as getRun } from '@/app/api/runs/[id]/route';
import { POST as cancelRun } from '@/app/api/runs/[id]/cancel/route';
import { runSchema, runStreamEventSchema, type Run, type RunStreamEvent } from '@/lib/zod/schemas/runs';
import type postgres from 'postgres';
import { isEmbedded, ownerSql } from '@/tests/support/database';
import { DEFAULT_USAGE, SAMPLE_OUTPUTS, type FakeUsage, fakeOpenAIForThisFile, setEnv, FAKE_API_KEY } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * POST /api/runs end to end: the real `openai` SDK inside the app talks to a local
 * OpenAI-compatible server (tests/support/fake-openai.ts), and every stored run, token count, cost
 * and usage counter is checked against what that server sent.
 */

const sql = ownerSql();
const fake = await fakeOpenAIForThisFile();
const GPT_4O_MINI = { inputPerMTok: 0.15, cachedInputPerMTok: 0.075, outputPerMTok: 0.6 };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';


/** The cost the price table gives, computed here independently of lib/llm/prices.ts. */
function expectedCost(usage: FakeUsage, price = GPT_4O_MINI): number {
  const cached = usage.cached_tokens ?? 0;
  return ((usage.prompt_tokens - cached) * price.inputPerMTok + cached * price.cachedInputPerMTok + usage.completion_tokens * price.outputPerMTok) / 1e6;
}

function parseEvents(text: string): RunStreamEvent[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => runStreamEventSchema.parse(JSON.parse(line)));
}

async function startRun(user: TestUser, body: object | string) {
  const res = await callRoute(postRun, '/api/runs', { method: 'POST', body, headers: bearer(user) });
  const streamed = res.headers.get('content-type')?.startsWith('application/x-ndjson') ?? false;
  return { ...res, events: streamed ? parseEvents(res.text) : [] };
}

function finalRun(events: RunStreamEvent[]): Run {
  const last = events.at(-1);
  if (!last || (last.type !== 'done' && last.type !== 'error') || !last.run) throw new Error(`no final run event: ${JSON.stringify(events)}`);
  return last.run;
}

/** Every counter of the user; a run settles the month's tokens and today's (the daily cap) alike. */
async function usageRows(userId: string) {
  const rows = await sql<{ metric_type: string; count: string }[]>`
    select metric_type, count::text from public.usage_metrics where user_id = ${userId} order by metric_type`;
  return Object.fromEntries(rows.map((row) => [row.metric_type, Number(row.count)]));
}

async function storedRun(id: string) {
  const [row] = await sql`select status, error, output, input_tokens, cached_input_tokens, output_tokens, cost_usd::text, price, latency_ms, provider, model, output_type,
    started_at, completed_at, system_prompt, user_prompt, selected_atoms, vibe_snapshot from public.agent_runs where id = ${id}`;
  return row!;
}

const chatRequests = () => fake.requests.filter((request) => request.path === '/v1/chat/completions');

describe('POST /api/runs, streaming', () => {
  it('streams the run id, the deltas and the stored run; tokens and cost are what the provider sent', async () => {
    const user = await createUser('runs-happy');
    const answer = JSON.stringify(SAMPLE_OUTPUTS.content);
    // Apart in time, so each chunk is a line of its own: forwarded as it arrives, not held back.
    fake.enqueue({ kind: 'stream', content: answer, chunks: 4, delayBetweenChunksMs: 25, usage: DEFAULT_USAGE });

    const res = await startRun(user, { task: 'Write the launch announcement for our beta', outputType: 'content' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const [first, ...rest] = res.events;
    expect(first).toEqual({
      type: 'run',
      run: {
        id: expect.any(String),
        model: 'gpt-4o-mini',
        provider: 'openai',
        status: 'running',
        outputType: 'content',
        // A run without a thread starts a conversation of its own, with nothing earlier to carry.
        threadId: expect.any(String),
        threadContext: { budgetTokens: 6000, usedTokens: 0, runIds: [], omittedTurns: 0 },
      },
    });
    const deltas = rest.filter((event) => event.type === 'delta');
    expect(deltas.length).toBe(4);
    expect(deltas.map((event) => (event.type === 'delta' ? event.text : '')).join('')).toBe(answer);
    expect(rest.at(-1)?.type).toBe('done');

    const run = finalRun(res.events);
    const runId = first?.type === 'run' ? first.run.id : '';
    expect(run).toMatchObject({
      id: runId,
      status: 'succeeded',
      trigger: 'manual',
      outputType: 'content',
      output: SAMPLE_OUTPUTS.content,
      error: null,
      provider: 'openai',
      model: 'gpt-4o-mini',
      inputTokens: 1200,
      cachedInputTokens: 200,
      outputTokens: 180,
      price: GPT_4O_MINI,
      feedback: null,
    });
    expect(run.costUsd).toBeCloseTo(expectedCost(DEFAULT_USAGE), 12);
    expect(run.latencyMs).toBeGreaterThanOrEqual(0);
    expect(run.completedAt).not.toBeNull();

    const row = await storedRun(runId);
    expect(row).toMatchObject({ status: 'succeeded', input_tokens: 1200, cached_input_tokens: 200, output_tokens: 180, cost_usd: '0.000273000' });
    expect(row.started_at).not.toBeNull();
    expect(row.system_prompt).toContain('Venture Companion');
    expect(row.user_prompt).toContain('Write the launch announcement for our beta');
    expect(row.vibe_snapshot).toMatchObject({ playfulness: 50, revenueFocus: 60, investorPerspective: 40 });

    // The provider was asked for a streamed, schema-constrained answer with usage at the end.
    const [request] = chatRequests();
    expect(request!.headers.authorization).toBe(`Bearer ${FAKE_API_KEY}`);
    expect(request!.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 4096,
      response_format: { type: 'json_schema', json_schema: { name: 'content', strict: true } },
    });
    expect(request!.body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user']);

    // The reservation (prompt estimate + answer budget) was replaced by the real count.
    expect(await usageRows(user.id)).toEqual({ runs: 1, tokens: 1380, daily_tokens: 1380 });
  });

  it('chunks that arrive together go out as fewer lines, with nothing lost or reordered', async () => {
    const user = await createUser('runs-burst');
    const answer = JSON.stringify(SAMPLE_OUTPUTS.content);
    fake.enqueue({ kind: 'stream', content: answer, chunks: 12, usage: DEFAULT_USAGE });
    const res = await startRun(user, { task: 'Write the launch announcement for our beta', outputType: 'content' });
    const deltas = res.events.filter((event) => event.type === 'delta');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.length).toBeLessThanOrEqual(12);
    expect(deltas.map((event) => (event.type === 'delta' ? event.text : '')).join('')).toBe(answer);
    expect(finalRun(res.events)).toMatchObject({ status: 'succeeded', output: SAMPLE_OUTPUTS.content });
  });

  it('prices the model the input filter chooses, and sends its answer budget and temperature', async () => {
    const user = await createUser('runs-model');
    const usage = { prompt_tokens: 2000, completion_tokens: 500, cached_tokens: 1000 };
    fake.enqueue({ kind: 'stream', usage });
    const res = await startRun(user, { task: 'Summarise the board deck', outputType: 'insight', inputFilter: { model: 'gpt-4.1', maxTokens: 800, temperature: 0.2 } });
    const run = finalRun(res.events);
    const price = { inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8 };
    expect(run).toMatchObject({ status: 'succeeded', model: 'gpt-4.1', outputType: 'insight', output: SAMPLE_OUTPUTS.insight, price });
    expect(run.costUsd).toBeCloseTo(expectedCost(usage, price), 12);
    expect(chatRequests()[0]!.body).toMatchObject({ model: 'gpt-4.1', max_completion_tokens: 800, temperature: 0.2 });
    expect(await usageRows(user.id)).toEqual({ runs: 1, tokens: 2500, daily_tokens: 2500 });
  });

  it("picks the output type from the task for 'auto'", async () => {
    const user = await createUser('runs-auto');
    const res = await startRun(user, { task: 'Write a Python function that parses invoices' });
    expect(finalRun(res.events)).toMatchObject({ status: 'succeeded', outputType: 'code', output: SAMPLE_OUTPUTS.code });
    expect(chatRequests()[0]!.body.response_format.json_schema.name).toBe('code');
  });

  it('with no API key, the offline provider answers, labelled offline, at no cost', async () => {
    setEnv({ OPENAI_API_KEY: undefined });
    const user = await createUser('runs-offline');
    const res = await startRun(user, { task: 'Plan the pricing page.\nCompare three tiers.', outputType: 'workflow' });
    expect(res.status).toBe(200);
    expect(res.events[0]).toMatchObject({ type: 'run', run: { provider: 'offline', model: 'offline' } });
    expect(res.events.filter((event) => event.type === 'delta').length).toBeGreaterThan(1);
    const run = finalRun(res.events);
    expect(run).toMatchObject({ status: 'succeeded', provider: 'offline', model: 'offline', costUsd: 0, cachedInputTokens: 0 });
    expect(run.output).toEqual({
      name: 'Plan the pricing page.',
      trigger: 'Started by hand',
      steps: [
        { name: 'Step 1', action: 'Plan the pricing page.' },
        { name: 'Step 2', action: 'Compare three tiers.' },
      ],
    });
    expect(run.inputTokens).toBeGreaterThan(0);
    expect(chatRequests()).toHaveLength(0);
    expect(await storedRun(run.id)).toMatchObject({ provider: 'offline', model: 'offline', cost_usd: '0.000000000' });
    expect(await usageRows(user.id)).toEqual({ runs: 1, tokens: run.inputTokens + run.outputTokens, daily_tokens: run.inputTokens + run.outputTokens });
  });

  /** Starts a slow run and reads its stream up to the first delta: the run id and the reader. */
  async function startSlowRun(user: TestUser, usage: FakeUsage, chunks = 6) {
    fake.enqueue({ kind: 'stream', chunks, delayBetweenChunksMs: 60, usage });
    const req = new NextRequest('http://localhost:3000/api/runs', {
      method: 'POST',
      headers: { ...bearer(user), 'content-type': 'application/json' },
      body: JSON.stringify({ task: 'Write a long essay', outputType: 'content' }),
    });
    const response = await postRun(req, { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('"type":"delta"')) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended before the first delta');
      received += decoder.decode(value, { stream: true });
    }
    const runId = (JSON.parse(received.split('\n')[0]!) as { run: { id: string } }).run.id;
    const rest = async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return parseEvents(received);
        received += decoder.decode(value, { stream: true });
      }
    };
    return { runId, reader, rest };
  }

  it('a client that leaves mid-stream (closed tab, reload) does not cancel: the run finishes and is stored', async () => {
    const user = await createUser('runs-leave');
    const usage = { prompt_tokens: 900, completion_tokens: 321, cached_tokens: 0 };
    const { runId, reader } = await startSlowRun(user, usage);
    await reader.cancel();

    await fake.streamsCompleted(1);
    const run = await waitForFinalStatus(user, runId);
    expect(run).toMatchObject({ status: 'succeeded', error: null, inputTokens: 900, outputTokens: 321 });
    expect(run.output).not.toBeNull();
    expect(run.costUsd).toBeCloseTo(expectedCost(usage), 12);
    expect(await usageRows(user.id)).toEqual({ runs: 1, tokens: 1221, daily_tokens: 1221 });
  });

  it('Stop (POST /api/runs/:id/cancel) ends forwarding; the model is drained: cancelled, with the exact usage', async () => {
    const user = await createUser('runs-cancel');
    const usage = { prompt_tokens: 900, completion_tokens: 321, cached_tokens: 0 };
    const { runId, rest } = await startSlowRun(user, usage);
    const stop = await callRoute(cancelRun, `/api/runs/${runId}/cancel`, { method: 'POST', headers: bearer(user), params: { id: runId } });
    expect(stop.status).toBe(202);

    // The client keeps reading: the stream ends with the stored, cancelled run.
    const events = await rest();
    const last = events.at(-1)!;
    expect(last).toMatchObject({ type: 'done', run: { id: runId, status: 'cancelled' } });
    await fake.streamsCompleted(1);
    const run = await waitForFinalStatus(user, runId);
    expect(run).toMatchObject({ status: 'cancelled', output: null, error: 'Stopped before the answer was complete.', inputTokens: 900, outputTokens: 321 });
    expect(run.costUsd).toBeCloseTo(expectedCost(usage), 12);
    expect(chatRequests()[0]!.completed).toBe(true);
    expect(await usageRows(user.id)).toEqual({ runs: 1, tokens: 1221, daily_tokens: 1221 });
  });

  it('a Stop taken by another instance (recorded in the database only) is found by the poll', async () => {
    const user = await createUser('runs-cancel-elsewhere');
    const usage = { prompt_tokens: 900, completion_tokens: 321, cached_tokens: 0 };
    // Long enough (1.2 s) for a few polls.
    const { runId, rest } = await startSlowRun(user, usage, 20);
    // What the cancel route writes, without this process being told.
    await sql`update public.agent_runs set cancel_requested_at = now() where id = ${runId}`;

    const last = (await rest()).at(-1)!;
    expect(last).toMatchObject({ type: 'done', run: { id: runId, status: 'cancelled' } });
    const run = await waitForFinalStatus(user, runId);
    expect(run).toMatchObject({ status: 'cancelled', inputTokens: 900, outputTokens: 321 });
  });

  it('Stop answers 404 for another user\'s run and 409 for a run that has ended', async () => {
    const owner = await createUser('runs-cancel-owner');
    const other = await createUser('runs-cancel-other');
    const runId = finalRun((await startRun(owner, { task: 'Draft a tweet', outputType: 'content' })).events).id;
    const foreign = await callRoute(cancelRun, `/api/runs/${runId}/cancel`, { method: 'POST', headers: bearer(other), params: { id: runId } });
    expect(foreign.status).toBe(404);
    const ended = await callRoute(cancelRun, `/api/runs/${runId}/cancel`, { method: 'POST', headers: bearer(owner), params: { id: runId } });
    expect(ended.status).toBe(409);
    expect(ended.json.error.code).toBe('conflict');
    expect((await storedRun(runId)).status).toBe('succeeded');
  });
});

/** Polls through the API (the app's own pool, so the embedded database sees one session at a time). */
async function waitForFinalStatus(user: TestUser, runId: string): Promise<Run> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await callRoute(getRun, `/api/runs/${runId}`, { headers: bearer(user), params: { id: runId } });
    if (res.status === 200 && !['queued', 'running'].includes(res.json.status)) return runSchema.parse(res.json);
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${res.json?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('POST /api/runs, provider failures end the run as failed with a reason, never running', () => {
  it('a 429 is retried by the SDK, then the run succeeds', async () => {
    const user = await createUser('runs-429');
    fake.enqueue({ kind: 'error', status: 429 }, { kind: 'stream' });
    const run = finalRun((await startRun(user, { task: 'Draft a tweet', outputType: 'content' })).events);
    expect(run).toMatchObject({ status: 'succeeded', output: SAMPLE_OUTPUTS.content, inputTokens: 1200 });
    expect(chatRequests()).toHaveLength(2);
  });

  it('a 429 that outlasts the retries fails with the rate-limit message', async () => {
    const user = await createUser('runs-429-persistent');
    fake.enqueue({ kind: 'error', status: 429 }, { kind: 'error', status: 429 }, { kind: 'error', status: 429 });
    const res = await startRun(user, { task: 'Draft a tweet', outputType: 'content' });
    expect(res.events.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'provider_rate_limited', message: 'The model provider is rate limiting us; try again in a minute.' },
    });
    expect(finalRun(res.events)).toMatchObject({ status: 'failed', error: 'The model provider is rate limiting us; try again in a minute.' });
  });

  it('a persistent 500 fails with a readable message and gives the reserved tokens back', async () => {
    const user = await createUser('runs-500');
    fake.enqueue({ kind: 'error', status: 500 }, { kind: 'error', status: 500 }, { kind: 'error', status: 500 });
    const res = await startRun(user, { task: 'Draft a tweet', outputType: 'content' });
    expect(res.status).toBe(200);
    expect(res.events.at(-1)).toMatchObject({ type: 'error', error: { code: 'provider_error', message: 'The model provider failed (HTTP 500).' } });
    const run = finalRun(res.events);
    expect(run).toMatchObject({ status: 'failed', error: 'The model provider failed (HTTP 500).', output: null, inputTokens: 0, outputTokens: 0, costUsd: 0 });
    expect(chatRequests()).toHaveLength(3);
    expect(await storedRun(run.id)).toMatchObject({ status: 'failed' });
    expect(await usageRows(user.id)).toEqual({ runs: 1, tokens: 0, daily_tokens: 0 });
  });

  it('a provider that cannot be reached fails the run with that message', async () => {
    // Nothing listens on the discard port: every attempt (the SDK retries twice) is refused at once.
    setEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    const user = await createUser('runs-unreachable');
    const res = await startRun(user, { task: 'Draft a tweet', outputType: 'content' });
    expect(res.events.at(-1)).toMatchObject({ type: 'error', error: { code: 'provider_unreachable', message: 'Could not reach the model provider.' } });
    expect(await storedRun(finalRun(res.events).id)).toMatchObject({ status: 'failed', error: 'Could not reach the model provider.', input_tokens: 0 });
    expect(await usageRows(user.id)).toEqual({ runs: 1, tokens: 0, daily_tokens: 0 });
  });

  it('a provider that does not answer in time fails the run with the timeout message', async () => {
    setEnv({ OPENAI_TIMEOUT_MS: '300' });
    const user = await createUser('runs-timeout');
    fake.setDefault({ kind: 'stream', delayBeforeFirstByteMs: 2000 });
    const started = Date.now();
    const res = await startRun(user, { task: 'Draft a tweet', outputType: 'content' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(res.events.at(-1)).toMatchObject({ type: 'error', error: { code: 'provider_timeout', message: 'The model did not answer within 0.3 s.' } });
    expect(await storedRun(finalRun(res.events).id)).toMatchObject({ status: 'failed', error: 'The model did not answer within 0.3 s.' });
  });

  it('a stream that stalls after it started is cut at the deadline too; the partial answer is counted', async () => {
    setEnv({ OPENAI_TIMEOUT_MS: '400' });
    const user = await createUser('runs-stall');
    fake.enqueue({ kind: 'stream', content: ['{"title":"Partial answer', ' that never ends', '"}'], delayBetweenChunksMs: 250 });
    const res = await startRun(user, { task: 'Draft a tweet', outputType: 'content' });
    const run = finalRun(res.events);
    expect(run).toMatchObject({ status: 'failed', error: 'The model did not answer within 0.4 s.' });
    // No usage chunk arrived: the received text is counted with the tokenizer, the prompt by its estimate.
    expect(run.outputTokens).toBeGreaterThan(0);
    expect(run.inputTokens).toBeGreaterThan(0);
    expect(await usageRows(user.id)).toEqual({ runs: 1, tokens: run.inputTokens + run.outputTokens, daily_tokens: run.inputTokens + run.outputTokens });
  });

  it.each([
    { name: 'a field of the wrong type', content: '{"title":5,"body":"text"}', reason: /^The model's answer did not match the content format: title: .*expected string/ },
    { name: 'a missing field', content: '{"title":"Only a title"}', reason: /^The model's answer did not match the content format: body: / },
    { name: 'text that is not JSON', content: 'Sure! Here is your post.', reason: /^The model's answer did not match the content format: it is not valid JSON\.$/ },
    { name: 'an answer cut off at the token limit', content: '{"title":"Cut', finishReason: 'length', reason: /cut off at the 4096-token answer limit/ },
    { name: 'a refusal', content: '', refusal: 'I cannot help with that.', reason: /^The model declined the task: I cannot help with that\.$/ },
  ])('$name is stored as failed with the reason, never shown as success', async ({ content, finishReason, refusal, reason }) => {
    const user = await createUser('runs-invalid');
    const usage = { prompt_tokens: 700, completion_tokens: 40, cached_tokens: 0 };
    fake.enqueue({ kind: 'stream', content, finishReason, refusal, usage });
    const res = await startRun(user, { task: 'Write a blog post', outputType: 'content' });
    const last = res.events.at(-1);
    expect(last).toMatchObject({ type: 'error', error: { code: 'invalid_output' } });
    const run = finalRun(res.events);
    expect(run.status).toBe('failed');
    expect(run.output).toBeNull();
    expect(run.error).toMatch(reason);
    // The provider was paid for the answer all the same.
    expect(run).toMatchObject({ inputTokens: 700, outputTokens: 40 });
    expect(await usageRows(user.id)).toEqual({ runs: 1, tokens: 740, daily_tokens: 740 });
  });
});

describe('POST /api/runs, refused before anything streams', () => {
  const cases = [
    { name: 'an unknown model', body: { task: 'x', inputFilter: { model: 'gpt-9-ultra' } }, status: 400, code: 'validation_failed', message: /^model: "gpt-9-ultra" is not available\. Choose one of gpt-4o-mini, gpt-4o, .*o4-mini, offline in the input filter or your profile's preferred models\.$/ },
    { name: 'an unknown provider', body: { task: 'x', inputFilter: { provider: 'anthropic' } }, status: 400, code: 'validation_failed', message: /^inputFilter\.provider: "anthropic" is not available/ },
    { name: 'an unknown output type', body: { task: 'x', outputType: 'poem' }, status: 400, code: 'validation_failed', message: /^outputType: / },
    { name: 'an empty task', body: { task: '   ' }, status: 400, code: 'validation_failed', message: /^task: describe the task/ },
    { name: 'a task over 8000 characters', body: { task: 'x'.repeat(8001) }, status: 400, code: 'validation_failed', message: /^task: must be at most 8000 characters/ },
    { name: 'an unknown field', body: { task: 'x', model: 'gpt-4o' }, status: 400, code: 'validation_failed', message: /unknown field: model/ },
    { name: 'malformed JSON', body: '{"task": ', status: 400, code: 'invalid_json' },
  ];

  it.each(cases)('$name → $status $code, no run and no usage', async ({ body, status, code, message }) => {
    const user = await createUser('runs-refused');
    const res = await startRun(user, body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json).toEqual({ error: { code, message: expect.any(String) }, requestId: expect.any(String) });
    if (message) expect(res.json.error.message).toMatch(message);
    expect(await sql`select 1 from public.agent_runs where user_id = ${user.id}`).toHaveLength(0);
    expect(await usageRows(user.id)).toEqual({});
    expect(chatRequests()).toHaveLength(0);
  });

  it("refuses a model from the profile's preferred models that has no price", async () => {
    const user = await createUser('runs-profile-model');
    await sql`update public.user_profiles set preferred_models = '{llama-3-70b}' where user_id = ${user.id}`;
    const res = await startRun(user, { task: 'x' });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/^model: "llama-3-70b" is not available/);
    await sql`update public.user_profiles set preferred_models = '{gpt-5-mini}' where user_id = ${user.id}`;
    expect(finalRun((await startRun(user, { task: 'x', outputType: 'content' })).events)).toMatchObject({ model: 'gpt-5-mini', status: 'succeeded' });
  });

  it('needs a signed-in user', async () => {
    expect((await callRoute(postRun, '/api/runs', { method: 'POST', body: { task: 'x' } })).status).toBe(401);
    expect((await callRoute(listRuns, '/api/runs')).status).toBe(401);
  });
});

describe('GET /api/runs and /api/runs/[id]', () => {
  let owner: TestUser;
  let other: TestUser;
  const ids = { content: '', failed: '', code: '' };

  beforeAll(async () => {
    owner = await createUser('runs-history');
    other = await createUser('runs-other');
    fake.reset();
    setEnv({ OPENAI_API_KEY: FAKE_API_KEY, OPENAI_BASE_URL: fake.url });
    fake.enqueue({ kind: 'stream' }, { kind: 'error', status: 400, message: 'bad request' }, { kind: 'stream' });
    ids.content = finalRun((await startRun(owner, { task: 'A post', outputType: 'content' })).events).id;
    ids.failed = finalRun((await startRun(owner, { task: 'A failing one', outputType: 'content' })).events).id;
    ids.code = finalRun((await startRun(owner, { task: 'Some code', outputType: 'code' })).events).id;
  });

  const list = (user: TestUser, query = '') => callRoute(listRuns, `/api/runs${query}`, { headers: bearer(user) });

  it('lists the caller’s runs newest first, without outputs', async () => {
    const res = await list(owner);
    expect(res.status).toBe(200);
    expect(res.json.runs.map((run: Run) => run.id)).toEqual([ids.code, ids.failed, ids.content]);
    expect(res.json.nextCursor).toBeNull();
    expect(res.json.runs[0]).not.toHaveProperty('output');
    expect(res.json.runs[1]).toMatchObject({ status: 'failed', error: 'The model provider refused the request (HTTP 400): bad request' });
  });

  it('filters by status, output type and time, and pages with the cursor', async () => {
    expect((await list(owner, '?status=failed')).json.runs.map((run: Run) => run.id)).toEqual([ids.failed]);
    expect((await list(owner, '?outputType=code')).json.runs.map((run: Run) => run.id)).toEqual([ids.code]);
    expect((await list(owner, '?status=succeeded&outputType=content')).json.runs.map((run: Run) => run.id)).toEqual([ids.content]);
    expect((await list(owner, '?from=2999-01-01T00:00:00Z')).json.runs).toEqual([]);
    expect((await list(owner, '?to=2000-01-01T00:00:00Z')).json.runs).toEqual([]);
    expect((await list(owner, '?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z')).json.runs).toHaveLength(3);

    const first = await list(owner, '?limit=2');
    expect(first.json.runs.map((run: Run) => run.id)).toEqual([ids.code, ids.failed]);
    expect(first.json.nextCursor).toBe(ids.failed);
    const second = await list(owner, `?limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.runs.map((run: Run) => run.id)).toEqual([ids.content]);
    expect(second.json.nextCursor).toBeNull();
  });

  it.each([
    ['?limit=101', /^limit: must be at most 100/],
    ['?limit=0', /^limit: /],
    ['?status=done', /^status: /],
    ['?from=yesterday', /^from: must be an ISO date-time/],
    ['?cursor=abc', /^cursor: must be the nextCursor of a previous page/],
    ['?sort=asc', /unknown field: sort/],
  ])('refuses %s with 400', async (query, message) => {
    const res = await list(owner, query);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(message);
  });

  it('answers one run with its output', async () => {
    const res = await callRoute(getRun, `/api/runs/${ids.code}`, { headers: bearer(owner), params: { id: ids.code } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: ids.code, status: 'succeeded', output: SAMPLE_OUTPUTS.code });
  });

  it("another user cannot see the runs: not in their list, and a 404 like an unknown id", async () => {
    expect((await list(other)).json.runs).toEqual([]);
    for (const id of [ids.content, UNKNOWN_ID, 'not-a-uuid']) {
      const res = await callRoute(getRun, `/api/runs/${id}`, { headers: bearer(other), params: { id } });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: 'not_found', message: expect.any(String) }, requestId: expect.any(String) });
    }
    // Another user's run id is no cursor into their history either.
    expect((await list(other, `?cursor=${ids.failed}`)).json.runs).toEqual([]);
  });
});

/**
 * The chat's runs call the provider while their reservation is stored (createRun's startEarly),
 * when the counters leave room for the run twice over. These hold the user's "runs" counter row
 * locked from another session, so open_run waits there, and look at what the provider received
 * meanwhile. PostgreSQL only: the embedded database serves one session.
 */
describe.skipIf(isEmbedded())('POST /api/runs, the provider call and the reservation', () => {
  /** Locks the user's counter row of this month's runs until the answered function is called. */
  const locker = ownerSql();
  async function lockRunsCounter(userId: string, then?: (tx: postgres.ReservedSql) => Promise<unknown>) {
    const connection = await locker.reserve();
    await connection`begin`;
    await connection`select 1 from public.usage_metrics where user_id = ${userId} and metric_type = 'runs' and period_start = private.period_start('month') for update`;
    return async () => {
      await then?.(connection);
      await connection`commit`;
      connection.release();
    };
  }
  const runsQuota = async (userId: string) =>
    Number((await sql<{ quota: string }[]>`select private.usage_limit(subscription_tier, 'runs')::text as quota from public.user_profiles where user_id = ${userId}`)[0]!.quota);
  /** Sets the user's count of this month's runs, on `db` (the test's connection, or the one holding the lock). */
  const setRunsCount = (db: postgres.Sql | postgres.ReservedSql, userId: string, count: number) =>
    db`update public.usage_metrics set count = ${count} where user_id = ${userId} and metric_type = 'runs' and period_start = private.period_start('month')`;
  const providerCalled = (count: number) => vi.waitFor(() => expect(chatRequests()).toHaveLength(count), { timeout: 5000, interval: 10 });

  it('with room to spare, the provider is called before the reservation is stored, and the run completes', async () => {
    const user = await createUser('runs-early');
    expect(finalRun((await startRun(user, { task: 'first', outputType: 'content' })).events).status).toBe('succeeded');
    const before = chatRequests().length;
    const release = await lockRunsCounter(user.id);
    const run = startRun(user, { task: 'second', outputType: 'content' });
    // open_run waits on the lock, and the provider already has the request.
    try {
      await providerCalled(before + 1);
      expect(await sql`select 1 from public.agent_runs where user_id = ${user.id}`).toHaveLength(1);
    } finally {
      await release();
    }
    const res = await run;
    expect(res.status).toBe(200);
    expect(finalRun(res.events)).toMatchObject({ status: 'succeeded', task: 'second' });
    expect(await usageRows(user.id)).toMatchObject({ runs: 2 });
  });

  it('refused after the call started (the counter filled meanwhile): 429, the call aborted, nothing stored', async () => {
    const user = await createUser('runs-early-refused');
    expect(finalRun((await startRun(user, { task: 'first', outputType: 'content' })).events).status).toBe('succeeded');
    const quota = await runsQuota(user.id);
    const counters = await usageRows(user.id);
    fake.enqueue({ kind: 'stream', delayBeforeFirstByteMs: 3000 });
    const before = chatRequests().length;
    // Another session takes the rest of the month's runs while this run's reservation waits.
    const release = await lockRunsCounter(user.id, (tx) => setRunsCount(tx, user.id, quota));
    const run = startRun(user, { task: 'second', outputType: 'content' });
    try {
      await providerCalled(before + 1);
    } finally {
      await release();
    }
    const res = await run;
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe('limit_exceeded');
    expect(await sql`select 1 from public.agent_runs where user_id = ${user.id}`).toHaveLength(1);
    expect(await usageRows(user.id)).toEqual({ ...counters, runs: quota });
    // The provider's answer was never waited for: the call was aborted before its first byte.
    const call = chatRequests()[before]!;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(call.completed).toBe(false);
  });

  it('near a limit (room for this run, not two), the provider waits for the reservation', async () => {
    const user = await createUser('runs-early-near');
    expect(finalRun((await startRun(user, { task: 'first', outputType: 'content' })).events).status).toBe('succeeded');
    await setRunsCount(sql, user.id, (await runsQuota(user.id)) - 1);
    const before = chatRequests().length;
    const release = await lockRunsCounter(user.id);
    const run = startRun(user, { task: 'last of the month', outputType: 'content' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(chatRequests()).toHaveLength(before);
    } finally {
      await release();
    }
    const res = await run;
    expect(finalRun(res.events)).toMatchObject({ status: 'succeeded' });
    expect(chatRequests()).toHaveLength(before + 1);
  });
});
