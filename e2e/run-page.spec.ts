import { expect, test } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

/** A past answer can be seen again: history rows open the run's own page, which nobody else can open. */
test('a run from the history opens its page with the answer, the prompt and the cost; another user gets 404', async ({ page, browser, baseURL }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  // On a desktop the account links are in the header; the phone's Menu button is not.
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Vibe' })).toBeVisible();
  await page.goto('/chat');
  await page.getByLabel('Task').fill('Write a short LinkedIn post announcing our new pricing page');
  await page.getByLabel('Output').selectOption('content');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  const runId = (await page.getByTestId('run-id').textContent())!.trim();

  await page.goto('/dashboard');
  await page.getByTestId('history-row').getByRole('link', { name: /LinkedIn post/ }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await expect(page.getByRole('heading', { name: 'Run', exact: true })).toBeVisible();
  await expect(page.getByTestId('run-task')).toHaveText('Write a short LinkedIn post announcing our new pricing page');
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  // The offline provider costs nothing, and says so in dollars and cents.
  await expect(page.getByTestId('run-cost')).toHaveText('$0.00');
  await expect(page.getByTestId('run-output')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Atoms used' }).getByRole('row')).not.toHaveCount(0);
  await page.getByText('System prompt').click();
  await expect(page.locator('pre.prompt').first()).toContainText('Venture Companion');

  // Still there after a reload: it is read from the database, not from the chat's memory.
  await page.reload();
  await expect(page.getByTestId('run-output')).toBeVisible();

  const other = await browser.newContext({ baseURL });
  try {
    const otherPage = await other.newPage();
    await signUpHere(otherPage, uniqueEmail(testInfo));
    const response = await otherPage.goto(`/runs/${runId}`);
    expect(response!.status()).toBe(404);
    await expect(otherPage.getByTestId('run-task')).toHaveCount(0);
  } finally {
    await other.close();
  }
});
