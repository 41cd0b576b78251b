import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { POST as postRun } from '@/app/api/runs/route';
import { POST as cancelRun } from '@/app/api/runs/[id]/cancel/route';
import { GET as listThreads } from '@/app/api/threads/route';
import { DELETE as deleteThread, GET as getThread, PATCH as renameThread } from '@/app/api/threads/[id]/route';
import { countTokens } from '@/lib/assembly/token-count';
import { outputToMarkdown, readOutput } from '@/lib/runs/readable-output';
import { THREAD_CONTEXT_BUDGET_TOKENS } from '@/lib/threads/thread-context';
import { runStreamEventSchema, type Run, type RunStreamEvent } from '@/lib/zod/schemas/runs';
import { threadDetailSchema, threadListSchema } from '@/lib/zod/schemas/threads';
import { ownerSql } from '@/tests/support/database';
import { SAMPLE_OUTPUTS, fakeOpenAIForThisFile } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * Conversations end to end: the real SDK against the local fake provider, which records the
 * messages it was sent, so the carried turns are checked where the model sees them.
 */

const sql = ownerSql();
const fake = await fakeOpenAIForThisFile();

const parseEvents = (text: string): RunStreamEvent[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => runStreamEventSchema.parse(JSON.parse(line)));

async function run(user: TestUser, body: object) {
  const res = await callRoute(postRun, '/api/runs', { method: 'POST', body, headers: bearer(user) });
  const events = res.headers.get('content-type')?.startsWith('application/x-ndjson') ? parseEvents(res.text) : [];
  const first = events[0];
  const last = events.at(-1);
  return {
    ...res,
    started: first?.type === 'run' ? first.run : null,
    final: last && (last.type === 'done' || last.type === 'error') ? (last.run as Run) : null,
  };
}

const chatMessages = () =>
  fake.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.body.messages as { role: string; content: string }[]);

const thread = async (user: TestUser, id: string) => {
  const res = await callRoute(getThread, `/api/threads/${id}`, { headers: bearer(user), params: { id } });
  return { ...res, detail: res.status === 200 ? threadDetailSchema.parse(res.json) : null };
};

const list = async (user: TestUser, query = '') => {
  const res = await callRoute(listThreads, `/api/threads${query}`, { headers: bearer(user) });
  return { ...res, list: res.status === 200 ? threadListSchema.parse(res.json) : null };
};

const contentMarkdown = (output: unknown) => outputToMarkdown(readOutput('content', output));

/** A succeeded run stored directly in a thread, with a content answer of about `tokens` tokens. */
async function storedTurn(user: TestUser, threadId: string, task: string, tokens: number, createdAt: Date) {
  const id = randomUUID();
  const output = { title: task, body: 'word '.repeat(tokens) };
  await sql`
    insert into public.agent_runs (id, user_id, thread_id, task, model, status, output_type, output, created_at, completed_at)
    values (${id}, ${user.id}, ${threadId}, ${task}, 'gpt-4o-mini', 'succeeded', 'content', ${sql.json(output)}, ${createdAt}, ${createdAt})`;
  return id;
}

describe('conversations', () => {
  it('a first run starts a conversation named after the task; reading it back shows the answer', async () => {
    const user = await createUser('threads-first');
    const first = await run(user, { task: 'Draft the launch announcement for our beta.\nKeep it short.', outputType: 'content' });
    expect(first.status).toBe(200);
    const threadId = first.started!.threadId;
    expect(first.final).toMatchObject({ status: 'succeeded', threadId, output: SAMPLE_OUTPUTS.content });

    const listed = await list(user);
    expect(listed.list!.threads).toEqual([
      expect.objectContaining({ id: threadId, title: 'Draft the launch announcement for our beta.', runCount: 1, running: false }),
    ]);
    const { detail } = await thread(user, threadId);
    expect(detail!.runs.map((r) => [r.id, r.status, r.output])).toEqual([[first.final!.id, 'succeeded', SAMPLE_OUTPUTS.content]]);
  });

  it('a follow-up carries the earlier turns to the model, oldest first, and records what it carried', async () => {
    const user = await createUser('threads-follow-up');
    const first = await run(user, { task: 'Draft the launch announcement', outputType: 'content' });
    const threadId = first.started!.threadId;
    const second = await run(user, { task: 'Now a shorter version for Twitter', outputType: 'content', threadId });
    const third = await run(user, { task: 'And one in French', outputType: 'content', threadId });
    expect(third.status).toBe(200);

    const [, , messages] = chatMessages();
    expect(messages!.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(messages![1]!.content).toBe('Draft the launch announcement');
    expect(messages![2]!.content).toBe(contentMarkdown(SAMPLE_OUTPUTS.content));
    expect(messages![3]!.content).toBe('Now a shorter version for Twitter');
    expect(messages![5]!.content).toContain('And one in French');

    const context = third.started!.threadContext;
    expect(context.runIds).toEqual([first.final!.id, second.final!.id]);
    expect(context.omittedTurns).toBe(0);
    const perTurn = (task: string) => countTokens(task, 'o200k_base') + countTokens(contentMarkdown(SAMPLE_OUTPUTS.content), 'o200k_base') + 16;
    expect(context.usedTokens).toBe(perTurn('Draft the launch announcement') + perTurn('Now a shorter version for Twitter'));
    expect(third.final!.threadContext).toEqual(context);
    // The carried turns are reserved against the limit like the rest of the prompt: the same task
    // asked again in the conversation reserves exactly the carried tokens more.
    const again = await run(user, { task: 'Draft the launch announcement', outputType: 'content', threadId });
    const [reserved] = await sql<{ first: number; again: number }[]>`
      select (select reserved_tokens from public.agent_runs where id = ${first.final!.id})::int as first,
             (select reserved_tokens from public.agent_runs where id = ${again.final!.id})::int as again`;
    expect(reserved!.again - reserved!.first).toBe(again.started!.threadContext.usedTokens);
    expect(again.started!.threadContext.usedTokens).toBeGreaterThan(context.usedTokens);

    const { detail } = await thread(user, threadId);
    expect(detail!.thread.runCount).toBe(4);
    expect(detail!.runs.map((r) => r.id)).toEqual([first.final!.id, second.final!.id, third.final!.id, again.final!.id]);
  });

  it('the newest turns that fit the budget are carried; older ones are left out whole and counted', async () => {
    const user = await createUser('threads-budget');
    const started = await run(user, { task: 'Plan the first sales call', outputType: 'content' });
    const threadId = started.started!.threadId;
    const base = Date.now() - 60_000;
    // Four earlier turns of about 40 % of the budget each, before the small first run: that run and
    // the two newest big turns fit, the two before them do not.
    const size = Math.floor(THREAD_CONTEXT_BUDGET_TOKENS * 0.4);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await storedTurn(user, threadId, `Turn ${i}`, size, new Date(base + i * 1000)));

    const next = await run(user, { task: 'Summarise where we are', outputType: 'content', threadId });
    expect(next.status).toBe(200);
    const context = next.started!.threadContext;
    expect(context.runIds).toEqual([ids[2], ids[3], started.final!.id]);
    expect(context.omittedTurns).toBe(2);
    expect(context.usedTokens).toBeLessThanOrEqual(THREAD_CONTEXT_BUDGET_TOKENS);
    const messages = chatMessages().at(-1)!;
    const asked = messages.filter((m) => m.role === 'user').map((m) => m.content);
    expect(asked.slice(0, 3)).toEqual(['Turn 2', 'Turn 3', 'Plan the first sales call']);
    expect(asked[3]).toContain('Summarise where we are');
  });

  it('regenerating an answer gives the model only the turns before it, and the new answer replaces it in later context', async () => {
    const user = await createUser('threads-regenerate');
    const first = await run(user, { task: 'Name our product', outputType: 'content' });
    const threadId = first.started!.threadId;
    const second = await run(user, { task: 'Write a tagline', outputType: 'content', threadId });
    const again = await run(user, { task: 'Write a tagline', outputType: 'content', regenerates: second.final!.id });
    expect(again.status).toBe(200);
    expect(again.started!.threadId).toBe(threadId);
    expect(again.started!.threadContext.runIds).toEqual([first.final!.id]);
    expect(again.final!.replacesRunId).toBe(second.final!.id);

    const after = await run(user, { task: 'Now a slogan', outputType: 'content', threadId });
    expect(after.started!.threadContext.runIds).toEqual([first.final!.id, again.final!.id]);

    const outsider = await run(user, { task: 'Other', outputType: 'content' });
    const mismatch = await run(user, { task: 'x', outputType: 'content', threadId: outsider.started!.threadId, regenerates: second.final!.id });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error.message).toMatch(/not part of this conversation/);
  });

  it('rename and search: titles and tasks match, and % or _ are searched for as themselves', async () => {
    const user = await createUser('threads-search');
    const a = (await run(user, { task: 'Pricing page copy', outputType: 'content' })).started!.threadId;
    await run(user, { task: 'Investor update for November', outputType: 'content', threadId: a });
    const b = (await run(user, { task: 'Hiring plan', outputType: 'content' })).started!.threadId;

    const renamed = await callRoute(renameThread, `/api/threads/${b}`, { method: 'PATCH', headers: bearer(user), params: { id: b }, body: { title: '  Team 100% remote  ' } });
    expect(renamed.status).toBe(200);
    expect(renamed.json.title).toBe('Team 100% remote');

    expect((await list(user, '?q=investor')).list!.threads.map((t) => t.id)).toEqual([a]);
    expect((await list(user, '?q=100%25')).list!.threads.map((t) => t.id)).toEqual([b]);
    expect((await list(user, '?q=_')).list!.threads).toEqual([]);
    expect((await list(user)).list!.threads.map((t) => t.id)).toEqual([b, a]);

    const page = await list(user, '?limit=1');
    expect(page.list!.threads.map((t) => t.id)).toEqual([b]);
    const rest = await list(user, `?limit=1&cursor=${page.list!.nextCursor}`);
    expect(rest.list!.threads.map((t) => t.id)).toEqual([a]);
    expect(rest.list!.nextCursor).toBeNull();

    const empty = await callRoute(renameThread, `/api/threads/${b}`, { method: 'PATCH', headers: bearer(user), params: { id: b }, body: { title: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.json.error).toEqual({ code: 'validation_failed', message: expect.stringContaining('give the conversation a name') });
    const long = await callRoute(renameThread, `/api/threads/${b}`, { method: 'PATCH', headers: bearer(user), params: { id: b }, body: { title: 'x'.repeat(201) } });
    expect(long.status).toBe(400);
    expect((await thread(user, b)).detail!.thread.title).toBe('Team 100% remote');
    expect((await list(user, '?limit=101')).status).toBe(400);
  });

  it("another user's conversation is a 404 everywhere, and a follow-up into it stores nothing", async () => {
    const owner = await createUser('threads-owner');
    const other = await createUser('threads-other');
    const threadId = (await run(owner, { task: 'Board deck outline', outputType: 'content' })).started!.threadId;

    expect((await thread(other, threadId)).status).toBe(404);
    const rename = await callRoute(renameThread, `/api/threads/${threadId}`, { method: 'PATCH', headers: bearer(other), params: { id: threadId }, body: { title: 'Mine now' } });
    expect(rename.status).toBe(404);
    const del = await callRoute(deleteThread, `/api/threads/${threadId}`, { method: 'DELETE', headers: bearer(other), params: { id: threadId } });
    expect(del.status).toBe(404);
    expect((await list(other)).list!.threads).toEqual([]);

    const intrusion = await run(other, { task: 'Continue', outputType: 'content', threadId });
    expect(intrusion.status).toBe(404);
    expect(intrusion.json.error.code).toBe('not_found');
    const [counts] = await sql<{ runs: number; usage: number }[]>`
      select (select count(*) from public.agent_runs where user_id = ${other.id})::int as runs,
             (select count(*) from public.usage_metrics where user_id = ${other.id})::int as usage`;
    expect(counts).toEqual({ runs: 0, usage: 0 });
    const [kept] = await sql<{ title: string; runs: number }[]>`
      select title, (select count(*) from public.agent_runs where thread_id = ${threadId})::int as runs from public.threads where id = ${threadId}`;
    expect(kept).toEqual({ title: 'Board deck outline', runs: 1 });
  });

  it('deleting a conversation deletes its runs; usage already counted stays', async () => {
    const user = await createUser('threads-delete');
    const first = await run(user, { task: 'Cold email to a design partner', outputType: 'content' });
    const threadId = first.started!.threadId;
    await run(user, { task: 'A follow-up email', outputType: 'content', threadId });
    const keep = (await run(user, { task: 'Unrelated', outputType: 'content' })).started!.threadId;

    const res = await callRoute(deleteThread, `/api/threads/${threadId}`, { method: 'DELETE', headers: bearer(user), params: { id: threadId } });
    expect(res.status).toBe(204);
    expect((await thread(user, threadId)).status).toBe(404);
    const [left] = await sql<{ runs: number; threads: number; counted: number }[]>`
      select (select count(*) from public.agent_runs where user_id = ${user.id})::int as runs,
             (select count(*) from public.threads where user_id = ${user.id})::int as threads,
             (select count from public.usage_metrics where user_id = ${user.id} and metric_type = 'runs')::int as counted`;
    expect(left).toEqual({ runs: 1, threads: 1, counted: 3 });
    expect((await list(user)).list!.threads.map((t) => t.id)).toEqual([keep]);
  });

  it('while a run streams, its conversation shows the answer so far; Stop keeps what was shown; deleting waits for the end', async () => {
    const user = await createUser('threads-partial');
    fake.enqueue({ kind: 'stream', content: JSON.stringify(SAMPLE_OUTPUTS.content), chunks: 8, delayBetweenChunksMs: 250 });
    const response = await postRun(
      new NextRequest('http://localhost:3000/api/runs', {
        method: 'POST',
        headers: { ...bearer(user), 'content-type': 'application/json' },
        body: JSON.stringify({ task: 'Write a long essay', outputType: 'content' }),
      }),
      { params: Promise.resolve({}) },
    );
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readLine = async () => {
      const { value, done } = await reader.read();
      if (!done) received += decoder.decode(value, { stream: true });
      return done;
    };
    while (!received.includes('\n')) await readLine();
    const started = runStreamEventSchema.parse(JSON.parse(received.split('\n')[0]!));
    if (started.type !== 'run') throw new Error('no run event');
    const { id: runId, threadId } = started.run;

    // The answer so far is written within about a second, while the run is still going.
    const deadline = Date.now() + 5000;
    let seen: Run | undefined;
    for (;;) {
      seen = (await thread(user, threadId)).detail!.runs[0];
      if (seen?.partialOutput) break;
      if (Date.now() > deadline) throw new Error('no partial output was recorded');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen!.status).toBe('running');
    expect(JSON.stringify(SAMPLE_OUTPUTS.content).startsWith(seen!.partialOutput!)).toBe(true);
    expect((await list(user)).list!.threads[0]).toMatchObject({ id: threadId, running: true });
    const refused = await callRoute(deleteThread, `/api/threads/${threadId}`, { method: 'DELETE', headers: bearer(user), params: { id: threadId } });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('conflict');

    const stop = await callRoute(cancelRun, `/api/runs/${runId}/cancel`, { method: 'POST', headers: bearer(user), params: { id: runId } });
    expect(stop.status).toBe(202);
    while (!(await readLine()));
    const events = parseEvents(received);
    const shown = events.map((event) => (event.type === 'delta' ? event.text : '')).join('');
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'done', run: { id: runId, status: 'cancelled' } });
    // What the user saw is what the run keeps: less than the whole answer, and exactly the deltas sent.
    const kept = (await thread(user, threadId)).detail!.runs[0]!;
    expect(kept.status).toBe('cancelled');
    expect(kept.partialOutput).toBe(shown);
    expect(shown.length).toBeLessThan(JSON.stringify(SAMPLE_OUTPUTS.content).length);
  });
});
