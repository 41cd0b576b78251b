import { expect, test, type Page } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';
import type { Run } from '@/lib/zod/schemas/runs';

/**
 * Conversations on /chat as a person has them: follow-ups, reloads, leaving mid-answer, Stop,
 * regenerate, copy, and the sidebar. The offline provider streams chunks of up to 64 characters
 * 0.7 s apart (OFFLINE_STREAM_DELAY_MS in scripts/e2e-server.ts): a short answer takes about 3 s,
 * and the longer tasks below 5 to 9 s, long enough to act mid-answer on a busy machine.
 */

const answers = (page: Page) => page.getByTestId('answer');
const lastAnswer = (page: Page) => answers(page).last();

async function ask(page: Page, task: string) {
  await page.getByLabel('Task').fill(task);
  await page.getByLabel('Output').selectOption('content');
  await page.getByRole('button', { name: 'Send' }).click();
}

async function askAndWait(page: Page, task: string): Promise<string> {
  const count = await answers(page).count();
  await ask(page, task);
  await expect(answers(page)).toHaveCount(count + 1);
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('succeeded');
  return (await lastAnswer(page).getByTestId('run-id').textContent())!;
}

/** About 900 characters of detail; a slice of it makes an answer stream for longer. */
const LONG_BRIEF = 'Cover revenue, burn, runway, hiring, the product roadmap, the pipeline and what we need from our investors. '.repeat(8).trim();

const threadIdOf = (page: Page) => new URL(page.url()).searchParams.get('thread');

test.beforeEach(async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/chat');
});

test('a conversation survives a reload: every question, answer and verdict, and follow-ups carry the earlier turns', async ({ page }) => {
  await askAndWait(page, 'Draft a launch post for our pricing page');
  await expect.poll(() => threadIdOf(page)).toMatch(/^[0-9a-f-]{36}$/);
  const threadId = threadIdOf(page);

  await askAndWait(page, 'Make it shorter, for Twitter');
  await expect(lastAnswer(page).getByTestId('context-note')).toHaveText(/^Carried 1 earlier turn \(\d[\d,]* of 6,000 context tokens\)\.$/);
  await lastAnswer(page).getByRole('button', { name: 'Approve' }).click();
  await expect(lastAnswer(page).getByTestId('run-feedback')).toContainText('Approved');

  await page.reload();
  expect(threadIdOf(page)).toBe(threadId);
  await expect(page.getByTestId('question')).toHaveText(['Draft a launch post for our pricing page', 'Make it shorter, for Twitter']);
  await expect(answers(page).getByTestId('run-status')).toHaveText(['succeeded', 'succeeded']);
  await expect(answers(page).first().getByRole('heading', { level: 3 })).toHaveText('Draft a launch post for our pricing page');
  await expect(lastAnswer(page).getByTestId('run-feedback')).toContainText('Approved');
  const sidebar = page.getByRole('complementary', { name: 'Conversations' });
  await expect(sidebar.getByRole('link', { name: /Draft a launch post for our pricing page/ })).toHaveAttribute('aria-current', 'page');
  await expect(sidebar.getByTestId('thread-item')).toContainText(['2 turns']);
});

test('leaving mid-answer and coming back shows the finished answer; the run was not cancelled', async ({ page }) => {
  await ask(page, `Write the onboarding email for new design partners. ${LONG_BRIEF.slice(0, 220)}`);
  // Part of the answer is on screen, the rest is still to come.
  await expect(lastAnswer(page).getByTestId('run-stream')).toBeVisible();
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('answering…');
  await expect.poll(() => threadIdOf(page)).toMatch(/^[0-9a-f-]{36}$/);
  const threadId = threadIdOf(page)!;
  const runId = (await lastAnswer(page).getByTestId('run-id').textContent())!;

  await page.goto('/dashboard');
  await page.goto(`/chat?thread=${threadId}`);
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('succeeded');
  await expect(lastAnswer(page).getByTestId('run-output').getByRole('heading', { level: 3 })).toHaveText('Write the onboarding email for new design partners.');
  const stored = (await (await page.request.get(`/api/runs/${runId}`)).json()) as Run;
  expect(stored.status).toBe('succeeded');
});

test('Stop keeps the readable part of the answer, never raw JSON, also after a reload', async ({ page }) => {
  await ask(page, `Write a long investor update about our November numbers. ${LONG_BRIEF.slice(0, 500)}`);
  const stream = lastAnswer(page).getByTestId('run-stream');
  await expect(stream).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
  // The server reads the provider's stream to its end for the exact usage, then stores the run as stopped.
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('stopped', { timeout: 20_000 });
  await expect(lastAnswer(page).getByTestId('run-stopped')).toBeVisible();
  const kept = (await lastAnswer(page).innerText()).trim();
  expect(kept).toContain('Write a long investor update');
  expect(kept).not.toMatch(/[{}"]\s*"?(title|body)"?\s*:/);

  await page.reload();
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('stopped');
  await expect(lastAnswer(page).getByRole('heading', { level: 3 })).toContainText('Write a long investor update');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
});

test('regenerate answers again beside the first answer, and Copy puts the answer on the clipboard as Markdown', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const first = await askAndWait(page, 'Name three pricing tiers');
  await answers(page).first().getByRole('button', { name: 'Regenerate' }).click();
  await expect(answers(page)).toHaveCount(2);
  await expect(lastAnswer(page).getByTestId('run-status')).toHaveText('succeeded');
  const second = (await lastAnswer(page).getByTestId('run-id').textContent())!;
  expect(second).not.toBe(first);
  await expect(answers(page).first()).toContainText('Replaced by a newer answer');
  const stored = (await (await page.request.get(`/api/runs/${second}`)).json()) as Run;
  expect(stored.replacesRunId).toBe(first);

  await lastAnswer(page).getByRole('button', { name: 'Copy' }).click();
  await expect(lastAnswer(page).getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith('# Name three pricing tiers\n\n')).toBe(true);
});

test('the sidebar searches, renames and deletes conversations, by keyboard', async ({ page }) => {
  await askAndWait(page, 'Plan the hiring of a first engineer');
  await page.getByRole('link', { name: 'New' }).click();
  await expect(page.getByRole('heading', { name: 'Ask your cofounder' })).toBeVisible();
  await askAndWait(page, 'Outline our seed pitch deck');
  const sidebar = page.getByRole('complementary', { name: 'Conversations' });
  await expect(sidebar.getByTestId('thread-item')).toHaveCount(2);

  await sidebar.getByLabel('Search conversations').fill('hiring');
  await expect(sidebar.getByTestId('thread-item')).toHaveCount(1);
  await expect(sidebar.getByTestId('thread-item')).toContainText('Plan the hiring of a first engineer');
  await sidebar.getByLabel('Search conversations').fill('');
  await expect(sidebar.getByTestId('thread-item')).toHaveCount(2);

  await sidebar.getByRole('button', { name: 'Rename Outline our seed pitch deck' }).focus();
  await page.keyboard.press('Enter');
  const input = sidebar.getByLabel('New name for Outline our seed pitch deck');
  await expect(input).toBeFocused();
  await page.keyboard.type('Seed deck');
  await page.keyboard.press('Enter');
  await expect(sidebar.getByRole('link', { name: /Seed deck/ })).toBeVisible();

  await sidebar.getByRole('button', { name: 'Delete Plan the hiring of a first engineer' }).click();
  await sidebar.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(sidebar.getByTestId('thread-item')).toHaveCount(1);
  await page.reload();
  await expect(sidebar.getByTestId('thread-item')).toHaveCount(1);
  await expect(sidebar.getByTestId('thread-item')).toContainText('Seed deck');
});

test('on a phone the conversations fold behind a button and nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await askAndWait(page, 'Write a two-line update for our investors about a record week');
  const toggle = page.getByRole('button', { name: /^Conversations \(1\)/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Search conversations')).toBeHidden();
  await toggle.click();
  await expect(page.getByLabel('Search conversations')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
});

test('dictation is shown as a paid feature before anyone records', async ({ page }) => {
  await expect(page.getByRole('button', { name: 'Dictate' })).toBeDisabled();
  await expect(page.getByTestId('voice-premium')).toHaveText('Dictation is part of the Pro and Enterprise plans. See plans');
  await expect(page.getByTestId('voice-premium').getByRole('link', { name: 'See plans' })).toHaveAttribute('href', '/pricing');
  await expect(page.getByRole('button', { name: 'Dictate' })).toHaveAccessibleDescription('Dictation is part of the Pro and Enterprise plans.');
});

test('an address naming no conversation of yours says so, once', async ({ page }) => {
  // Requests for this very address: the page itself, and any refresh of it the page would make.
  const loads: string[] = [];
  let thread = '';
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/chat' && url.searchParams.get('thread') === thread) loads.push(request.url());
  });
  for (thread of ['not-a-thread', '00000000-0000-4000-8000-000000000000']) {
    loads.length = 0;
    await page.goto(`/chat?thread=${thread}`);
    await expect(page.getByRole('heading', { name: 'Conversation not found' })).toBeVisible();
    await page.waitForTimeout(1500);
    expect(loads).toHaveLength(1);
  }
  await page.getByRole('link', { name: 'Start a new conversation' }).click();
  await expect(page.getByRole('heading', { name: 'Ask your cofounder' })).toBeVisible();
});
