import { expect, test, type Page } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';
import { atomCounters, type AtomCounters } from './database';
import type { Run } from '@/lib/zod/schemas/runs';

/**
 * Feedback on /chat as a person gives it: a note goes with any verdict, a double click is one
 * verdict, and a verdict can be changed, with the atoms' statistics following the latest one.
 * The offline provider answers (the browser-test server has no model key).
 */

/** The newest answer of the conversation: a second task is a follow-up below the first. */
const lastAnswer = (page: Page) => page.getByTestId('answer').last();

/** Sends a task on /chat and waits for the run to succeed; answers its id. */
async function runTask(page: Page, task: string): Promise<string> {
  const before = await page.getByTestId('answer').count();
  await page.getByLabel('Task').fill(task);
  await page.getByLabel('Output').selectOption('content');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('answer')).toHaveCount(before + 1);
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('succeeded');
  return (await lastAnswer(page).getByTestId('run-id').textContent())!;
}

/** The run as the API stores it, read with the page's own session. */
async function storedRun(page: Page, id: string): Promise<Run> {
  const response = await page.request.get(`/api/runs/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Run;
}

/** Each atom's counters after adding `uses` and `successes` to those in `before`. */
function moved(before: Map<string, AtomCounters>, uses: number, successes: number): Map<string, AtomCounters> {
  return new Map(
    [...before].map(([id, counters]) => {
      const usage = counters.usage + uses;
      const success = counters.success + successes;
      // success_rate is numeric(5, 4).
      return [id, { usage, success, rate: Number((success / usage).toFixed(4)) }];
    }),
  );
}

const feedbackArea = (page: Page) => lastAnswer(page).getByTestId('feedback');
const verdicts = (page: Page) => feedbackArea(page).getByRole('group', { name: 'Verdict' });

test.beforeEach(async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/chat');
});

test('the note typed before Reject is stored with the rejection, and a new run starts with an empty note', async ({ page }) => {
  const runId = await runTask(page, 'Write a short LinkedIn post announcing our new pricing page');
  const note = lastAnswer(page).getByLabel(/^Note/);
  await note.fill('Too salesy; lead with the customer problem.');
  await verdicts(page).getByRole('button', { name: 'Reject' }).click();

  await expect(feedbackArea(page).getByRole('status')).toHaveText('Rejected — thanks, the atoms learn from this.');
  await expect(lastAnswer(page).getByTestId('run-feedback')).toHaveText('Your verdict: Rejected. You can change it.');
  await expect(verdicts(page).getByRole('button', { name: 'Reject' })).toHaveAttribute('aria-pressed', 'true');
  expect(await storedRun(page, runId)).toMatchObject({ feedback: 'rejected', feedbackDetail: 'Too salesy; lead with the customer problem.' });

  const nextId = await runTask(page, 'Draft a tweet about the same pricing page');
  expect(nextId).not.toBe(runId);
  await expect(note).toHaveValue('');
  await expect(feedbackArea(page).getByRole('status')).toHaveCount(0);
  await expect(lastAnswer(page).getByTestId('run-feedback')).toHaveCount(0);
  // The earlier answer keeps its verdict and its note, also after a reload.
  await page.reload();
  const first = page.getByTestId('answer').first();
  await expect(first.getByTestId('run-feedback')).toHaveText('Your verdict: Rejected. You can change it.');
  await expect(first.getByLabel(/^Note/)).toHaveValue('Too salesy; lead with the customer problem.');
});

test('a double click on Approve gives one verdict: buttons wait for the answer, atoms count it once, no error', async ({ page }) => {
  const runId = await runTask(page, 'Write a product update email about faster exports');
  const atoms = (await storedRun(page, runId)).selectedAtoms;
  expect(atoms.length).toBeGreaterThan(0);
  const before = await atomCounters(atoms);

  // Hold the answer back so the double click lands while the request is in flight.
  const posted: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/runs/${runId}/feedback`, async (route) => {
    posted.push(route.request().postData() ?? '');
    await released;
    await route.continue();
  });

  await verdicts(page).getByRole('button', { name: 'Approve' }).dblclick();
  for (const name of ['Approve', 'Reject', 'Revise']) {
    await expect(verdicts(page).getByRole('button', { name })).toBeDisabled();
  }
  release();

  await expect(feedbackArea(page).getByRole('status')).toHaveText('Approved — thanks, the atoms learn from this.');
  await expect(verdicts(page).getByRole('button', { name: 'Approve' })).toHaveAttribute('aria-pressed', 'true');
  await expect(verdicts(page).getByRole('button', { name: 'Approve' })).toBeEnabled();
  await expect(feedbackArea(page).getByRole('alert')).toHaveCount(0);
  expect(posted).toEqual([JSON.stringify({ feedback: 'approved', detail: '' })]);
  expect(await storedRun(page, runId)).toMatchObject({ feedback: 'approved', feedbackDetail: null });
  expect(await atomCounters(atoms)).toEqual(moved(before, 1, 1));
});

test('changing Approve to Reject moves the atoms by the difference: the success goes, the use stays', async ({ page }) => {
  const runId = await runTask(page, 'Summarise our onboarding funnel for the board');
  const atoms = (await storedRun(page, runId)).selectedAtoms;
  expect(atoms.length).toBeGreaterThan(0);
  const before = await atomCounters(atoms);
  const approve = verdicts(page).getByRole('button', { name: 'Approve' });
  const reject = verdicts(page).getByRole('button', { name: 'Reject' });

  await approve.click();
  await expect(feedbackArea(page).getByRole('status')).toHaveText('Approved — thanks, the atoms learn from this.');
  await expect(approve).toHaveAttribute('aria-pressed', 'true');
  await expect(reject).toHaveAttribute('aria-pressed', 'false');
  expect(await atomCounters(atoms)).toEqual(moved(before, 1, 1));

  await lastAnswer(page).getByLabel(/^Note/).fill('Numbers are from last quarter.');
  await reject.click();
  await expect(feedbackArea(page).getByRole('status')).toHaveText("Changed to rejected; the atoms' statistics were corrected.");
  await expect(reject).toHaveAttribute('aria-pressed', 'true');
  await expect(approve).toHaveAttribute('aria-pressed', 'false');
  await expect(lastAnswer(page).getByTestId('run-feedback')).toHaveText('Your verdict: Rejected. You can change it.');
  expect(await storedRun(page, runId)).toMatchObject({ feedback: 'rejected', feedbackDetail: 'Numbers are from last quarter.' });
  expect(await atomCounters(atoms)).toEqual(moved(before, 1, 0));
});

test('a refused verdict shows as an error, and the buttons can be used again', async ({ page }) => {
  const runId = await runTask(page, 'Outline a launch checklist for the pricing page');
  await page.route(`**/api/runs/${runId}/feedback`, (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'service_unavailable', message: 'The database is not reachable; try again shortly.' }, requestId: 'r' }),
    }),
  );
  await verdicts(page).getByRole('button', { name: 'Approve' }).click();
  await expect(feedbackArea(page).getByRole('alert')).toHaveText('The database is not reachable; try again shortly.');
  await expect(feedbackArea(page).getByRole('status')).toHaveCount(0);
  await expect(verdicts(page).getByRole('button', { name: 'Approve' })).toBeEnabled();
  await expect(verdicts(page).getByRole('button', { name: 'Approve' })).toHaveAttribute('aria-pressed', 'false');
  expect(await storedRun(page, runId)).toMatchObject({ feedback: null });
});
