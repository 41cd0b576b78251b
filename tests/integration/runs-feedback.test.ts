import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as postRun } from '@/app/api/runs/route';
import { POST as postFeedback } from '@/app/api/runs/[id]/feedback/route';
import { runStreamEventSchema } from '@/lib/zod/schemas/runs';
import { isEmbedded, ownerSql } from '@/tests/support/database';
import { fakeOpenAIForThisFile } from '@/tests/support/fake-openai';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * Feedback on runs and what it teaches the atoms: counters and running average updated in one
 * statement per atom, so concurrent approvals are all counted; a repeated verdict counts once and
 * a changed one moves the counters by the difference.
 */

const sql = ownerSql();
await fakeOpenAIForThisFile();

/** An inactive atom of its own, so runs of other tests never select it and its counters are this test's alone. */
async function createAtom(): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into public.prompt_atoms (name, category, system_prompt, is_active)
    values (${`feedback-atom-${randomUUID().slice(0, 8)}`}, 'goal', 'Fixture atom.', false) returning id`;
  return row!.id;
}

/** A run as the server would have settled it, written directly (the API path is covered by the first test). */
async function settledRun(user: TestUser, atoms: string[], status = 'succeeded'): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into public.agent_runs (user_id, task, model, provider, output_type, status, selected_atoms, completed_at)
    values (${user.id}, 'Fixture task', 'gpt-4o-mini', 'openai', 'content', ${status}, ${atoms}::uuid[], now()) returning id`;
  return row!.id;
}

async function atomCounters(id: string) {
  const [row] = await sql<{ usage_count: number; success_count: number; success_rate: string }[]>`
    select usage_count, success_count, success_rate::text from public.prompt_atoms where id = ${id}`;
  return { usage: row!.usage_count, success: row!.success_count, rate: Number(row!.success_rate) };
}

async function storedFeedback(runId: string) {
  const [row] = await sql<{ feedback: string | null; feedback_detail: string | null; feedback_at: Date | null }[]>`
    select feedback, feedback_detail, feedback_at from public.agent_runs where id = ${runId}`;
  return row!;
}

const feedback = (user: TestUser, runId: string, body: object | string) =>
  callRoute(postFeedback, `/api/runs/${runId}/feedback`, { method: 'POST', body, headers: bearer(user), params: { id: runId } });

/** Concurrent on PostgreSQL; one after another on the embedded database, which serves one session. */
async function all<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  if (!isEmbedded()) return Promise.all(tasks.map((task) => task()));
  const results: T[] = [];
  for (const task of tasks) results.push(await task());
  return results;
}

describe('POST /api/runs/[id]/feedback', () => {
  it('approving a streamed run records it and counts a success for each atom the run used', async () => {
    const user = await createUser('feedback-api');
    const res = await callRoute(postRun, '/api/runs', { method: 'POST', body: { task: 'Write our investor update', outputType: 'content' }, headers: bearer(user) });
    const events = res.text.split('\n').filter(Boolean).map((line) => runStreamEventSchema.parse(JSON.parse(line)));
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error(`the run did not succeed: ${res.text}`);
    const atoms = done.run.selectedAtoms;
    expect(atoms.length).toBeGreaterThan(0);
    const before = await Promise.all(atoms.map(atomCounters));

    const approved = await feedback(user, done.run.id, { feedback: 'approved', detail: '  Exactly right.  ' });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ id: done.run.id, feedback: 'approved', feedbackDetail: 'Exactly right.', status: 'succeeded' });
    const after = await Promise.all(atoms.map(atomCounters));
    after.forEach((counters, i) => {
      expect(counters.usage).toBe(before[i]!.usage + 1);
      expect(counters.success).toBe(before[i]!.success + 1);
    });
  });

  it('keeps an exact running average: 3 approvals and 1 rejection give 0.75; a revision is a use without success', async () => {
    const user = await createUser('feedback-average');
    const atom = await createAtom();
    for (const value of ['approved', 'approved', 'rejected', 'approved']) {
      expect((await feedback(user, await settledRun(user, [atom]), { feedback: value })).status).toBe(200);
    }
    expect(await atomCounters(atom)).toEqual({ usage: 4, success: 3, rate: 0.75 });

    const revised = await feedback(user, await settledRun(user, [atom]), { feedback: 'revised', detail: 'Shorter intro, same structure.' });
    expect(revised.status).toBe(200);
    expect(revised.json).toMatchObject({ feedback: 'revised', feedbackDetail: 'Shorter intro, same structure.' });
    expect(await atomCounters(atom)).toEqual({ usage: 5, success: 3, rate: 0.6 });
  });

  it.each(['failed', 'cancelled', 'running'])('a %s run cannot be rated (409)', async (status) => {
    const user = await createUser('feedback-status');
    const atom = await createAtom();
    const res = await feedback(user, await settledRun(user, [atom], status), { feedback: 'approved' });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toBe('Only a run that succeeded can be approved, rejected or revised.');
    expect(await atomCounters(atom)).toEqual({ usage: 0, success: 0, rate: 0 });
  });

  const invalid = [
    { name: 'a revision without a detail', body: { feedback: 'revised' }, message: /^detail: say what you revised/ },
    { name: 'a revision with a blank detail', body: { feedback: 'revised', detail: '   ' }, message: /^detail: say what you revised/ },
    { name: 'a detail over 2000 characters', body: { feedback: 'rejected', detail: 'x'.repeat(2001) }, message: /^detail: must be at most 2000 characters/ },
    { name: 'an unknown value', body: { feedback: 'loved' }, message: /^feedback: / },
    { name: 'an unknown field', body: { feedback: 'approved', rating: 5 }, message: /unknown field: rating/ },
  ];

  it.each(invalid)('$name → 400, nothing recorded', async ({ body, message }) => {
    const user = await createUser('feedback-invalid');
    const atom = await createAtom();
    const runId = await settledRun(user, [atom]);
    const res = await feedback(user, runId, body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.message).toMatch(message);
    const [row] = await sql`select feedback, feedback_detail from public.agent_runs where id = ${runId}`;
    expect(row).toEqual({ feedback: null, feedback_detail: null });
    expect(await atomCounters(atom)).toEqual({ usage: 0, success: 0, rate: 0 });
  });

  it('keeps the note given with a rejection or an approval, trimmed; an empty note is stored as none', async () => {
    const user = await createUser('feedback-note');
    const atom = await createAtom();
    const rejected = await settledRun(user, [atom]);
    const res = await feedback(user, rejected, { feedback: 'rejected', detail: '  Too long, and the tone is off.  ' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: rejected, feedback: 'rejected', feedbackDetail: 'Too long, and the tone is off.' });
    expect(await storedFeedback(rejected)).toMatchObject({ feedback: 'rejected', feedback_detail: 'Too long, and the tone is off.' });

    const approved = await settledRun(user, [atom]);
    expect((await feedback(user, approved, { feedback: 'approved', detail: 'Ship it.' })).status).toBe(200);
    expect(await storedFeedback(approved)).toMatchObject({ feedback: 'approved', feedback_detail: 'Ship it.' });

    const blank = await settledRun(user, [atom]);
    expect((await feedback(user, blank, { feedback: 'rejected', detail: '   ' })).json).toMatchObject({ feedbackDetail: null });
    expect(await storedFeedback(blank)).toMatchObject({ feedback: 'rejected', feedback_detail: null });
  });

  it("another user cannot give feedback on a run: 404 like an unknown id, and nothing changes", async () => {
    const owner = await createUser('feedback-owner');
    const intruder = await createUser('feedback-intruder');
    const atom = await createAtom();
    const runId = await settledRun(owner, [atom]);
    for (const id of [runId, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await feedback(intruder, id, { feedback: 'rejected' });
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: { code: 'not_found', message: expect.any(String) }, requestId: expect.any(String) });
    }
    const [row] = await sql`select feedback from public.agent_runs where id = ${runId}`;
    expect(row).toEqual({ feedback: null });
    expect(await atomCounters(atom)).toEqual({ usage: 0, success: 0, rate: 0 });
    // The owner still can.
    expect((await feedback(owner, runId, { feedback: 'approved' })).status).toBe(200);
  });

  it('users cannot write feedback columns directly, which would let a run be counted twice', async () => {
    const user = await createUser('feedback-direct');
    const runId = await settledRun(user, []);
    const claims = JSON.stringify({ sub: user.id, role: 'authenticated' });
    await expect(
      sql.begin(async (tx) => {
        await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
        await tx`update public.agent_runs set feedback = 'approved' where id = ${runId}`;
      }),
    ).rejects.toMatchObject({ code: '42501' });
  });
});

describe('repeating and changing feedback', () => {
  it('the same verdict twice (a double click) is one verdict: both answer 200 and the atoms count it once', async () => {
    const user = await createUser('feedback-repeat');
    const atom = await createAtom();
    const runId = await settledRun(user, [atom]);
    const first = await feedback(user, runId, { feedback: 'approved', detail: 'Great.' });
    const { feedback_at: firstAt } = await storedFeedback(runId);
    const second = await feedback(user, runId, { feedback: 'approved', detail: 'Great.' });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.json).toMatchObject({ feedback: 'approved', feedbackDetail: 'Great.' });
    expect(await atomCounters(atom)).toEqual({ usage: 1, success: 1, rate: 1 });
    // Nothing changed, so not even the time of the feedback.
    expect(await storedFeedback(runId)).toEqual({ feedback: 'approved', feedback_detail: 'Great.', feedback_at: firstAt });
  });

  it('approved → rejected takes the success back (use kept, average recomputed); rejected → approved gives it again', async () => {
    const user = await createUser('feedback-change');
    const atom = await createAtom();
    // Another approved run on the same atom, so the average is not just 0 or 1.
    expect((await feedback(user, await settledRun(user, [atom]), { feedback: 'approved' })).status).toBe(200);
    const runId = await settledRun(user, [atom]);
    expect((await feedback(user, runId, { feedback: 'approved' })).status).toBe(200);
    expect(await atomCounters(atom)).toEqual({ usage: 2, success: 2, rate: 1 });
    const { feedback_at: approvedAt } = await storedFeedback(runId);

    const rejected = await feedback(user, runId, { feedback: 'rejected', detail: 'On second reading, wrong audience.' });
    expect(rejected.status).toBe(200);
    expect(rejected.json).toMatchObject({ id: runId, feedback: 'rejected', feedbackDetail: 'On second reading, wrong audience.' });
    expect(await atomCounters(atom)).toEqual({ usage: 2, success: 1, rate: 0.5 });
    const afterReject = await storedFeedback(runId);
    expect(afterReject).toMatchObject({ feedback: 'rejected', feedback_detail: 'On second reading, wrong audience.' });
    expect(afterReject.feedback_at!.getTime()).toBeGreaterThan(approvedAt!.getTime());

    const approvedAgain = await feedback(user, runId, { feedback: 'approved' });
    expect(approvedAgain.status).toBe(200);
    expect(approvedAgain.json).toMatchObject({ feedback: 'approved', feedbackDetail: null });
    expect(await atomCounters(atom)).toEqual({ usage: 2, success: 2, rate: 1 });
  });

  it('rejected ↔ revised moves no counter; a new note on the same verdict replaces the note only', async () => {
    const user = await createUser('feedback-revise');
    const atom = await createAtom();
    const runId = await settledRun(user, [atom]);
    expect((await feedback(user, runId, { feedback: 'rejected', detail: 'Too vague.' })).status).toBe(200);
    expect(await atomCounters(atom)).toEqual({ usage: 1, success: 0, rate: 0 });

    const revised = await feedback(user, runId, { feedback: 'revised', detail: 'Added the numbers.' });
    expect(revised.json).toMatchObject({ feedback: 'revised', feedbackDetail: 'Added the numbers.' });
    expect(await atomCounters(atom)).toEqual({ usage: 1, success: 0, rate: 0 });

    const { feedback_at: revisedAt } = await storedFeedback(runId);
    const renoted = await feedback(user, runId, { feedback: 'revised', detail: 'Added the numbers and a chart.' });
    expect(renoted.json).toMatchObject({ feedback: 'revised', feedbackDetail: 'Added the numbers and a chart.' });
    const afterNote = await storedFeedback(runId);
    expect(afterNote.feedback_detail).toBe('Added the numbers and a chart.');
    expect(afterNote.feedback_at!.getTime()).toBeGreaterThan(revisedAt!.getTime());

    expect((await feedback(user, runId, { feedback: 'rejected' })).json).toMatchObject({ feedback: 'rejected', feedbackDetail: null });
    expect(await atomCounters(atom)).toEqual({ usage: 1, success: 0, rate: 0 });
  });

  it('changing to revised without a note is a 400 and keeps the earlier verdict and counters', async () => {
    const user = await createUser('feedback-revise-empty');
    const atom = await createAtom();
    const runId = await settledRun(user, [atom]);
    expect((await feedback(user, runId, { feedback: 'approved', detail: 'Good.' })).status).toBe(200);
    for (const body of [{ feedback: 'revised' }, { feedback: 'revised', detail: '  ' }]) {
      const res = await feedback(user, runId, body);
      expect(res.status).toBe(400);
      expect(res.json.error).toEqual({ code: 'validation_failed', message: expect.stringMatching(/^detail: say what you revised/) });
    }
    expect(await storedFeedback(runId)).toMatchObject({ feedback: 'approved', feedback_detail: 'Good.' });
    expect(await atomCounters(atom)).toEqual({ usage: 1, success: 1, rate: 1 });
  });

  it("another user cannot change a run's verdict: 404, and the verdict, note and counters stay", async () => {
    const owner = await createUser('feedback-change-owner');
    const intruder = await createUser('feedback-change-intruder');
    const atom = await createAtom();
    const runId = await settledRun(owner, [atom]);
    expect((await feedback(owner, runId, { feedback: 'approved', detail: 'Mine.' })).status).toBe(200);
    const before = await storedFeedback(runId);
    const res = await feedback(intruder, runId, { feedback: 'rejected', detail: 'Not yours.' });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'not_found', message: 'No run with this id exists.' }, requestId: expect.any(String) });
    expect(await storedFeedback(runId)).toEqual(before);
    expect(await atomCounters(atom)).toEqual({ usage: 1, success: 1, rate: 1 });
  });
});

describe('concurrent feedback', () => {
  it(`50 approvals of 50 runs sharing one atom count 50 uses exactly (${isEmbedded() ? 'one after another on the embedded database' : 'concurrently'})`, async () => {
    const user = await createUser('feedback-race');
    const shared = await createAtom();
    const other = await createAtom();
    // Half the runs list the atoms in the other order: locks are taken in id order, so no deadlock.
    const runs = await Promise.all(Array.from({ length: 50 }, (_, i) => settledRun(user, i % 2 === 0 ? [shared, other] : [other, shared])));
    const results = await all(runs.map((runId, i) => () => feedback(user, runId, { feedback: i < 40 ? 'approved' : 'rejected' })));
    expect(results.map((res) => res.status)).toEqual(Array(50).fill(200));
    expect(await atomCounters(shared)).toEqual({ usage: 50, success: 40, rate: 0.8 });
    expect(await atomCounters(other)).toEqual({ usage: 50, success: 40, rate: 0.8 });
  });

  it(`50 identical approvals of one run count one use (${isEmbedded() ? 'one after another' : 'concurrently'})`, async () => {
    const user = await createUser('feedback-same-run');
    const atom = await createAtom();
    const runId = await settledRun(user, [atom]);
    const results = await all(Array.from({ length: 50 }, () => () => feedback(user, runId, { feedback: 'approved' })));
    expect(results.map((res) => res.status)).toEqual(Array(50).fill(200));
    expect(await atomCounters(atom)).toEqual({ usage: 1, success: 1, rate: 1 });
  });

  // Without the run's row lock, two changes could both read the same old verdict and both apply
  // their difference; PGlite serves one session, so only a server can show it.
  it.skipIf(isEmbedded())('50 concurrent changes of one run leave the counters as its final verdict implies', async () => {
    const user = await createUser('feedback-change-race');
    const atom = await createAtom();
    const other = await createAtom();
    const runId = await settledRun(user, [atom, other]);
    const verdicts = ['approved', 'rejected', 'approved', 'revised', 'approved'] as const;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const verdict = verdicts[i % verdicts.length]!;
        return feedback(user, runId, verdict === 'revised' ? { feedback: verdict, detail: `Revision ${i}` } : { feedback: verdict });
      }),
    );
    expect(results.map((res) => res.status)).toEqual(Array(50).fill(200));
    const { feedback: final } = await storedFeedback(runId);
    const success = final === 'approved' ? 1 : 0;
    expect(await atomCounters(atom)).toEqual({ usage: 1, success, rate: success });
    expect(await atomCounters(other)).toEqual({ usage: 1, success, rate: success });
  });
});
