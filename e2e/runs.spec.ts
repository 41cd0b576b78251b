import { expect, test } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

/**
 * The core loop in a browser: ask for work, watch it stream in, approve it, and see the dashboard
 * count it. The browser-test server has no model key, so the offline provider answers (and the
 * page says so).
 */
test('send a task, watch it stream, approve it, and see the dashboard count change', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));

  await page.goto('/dashboard');
  await expect(page.getByTestId('total-runs')).toHaveText('0');
  await expect(page.getByTestId('usage-runs')).toContainText('0 of 100');

  await page.goto('/chat');
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  await page.getByLabel('Task').fill('Write a short LinkedIn post announcing our new pricing page');
  await page.getByLabel('Output').selectOption('content');

  const deltas: string[] = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('/api/runs') && response.request().method() === 'POST') {
      deltas.push(...(await response.text()).split('\n').filter((line) => line.includes('"type":"delta"')));
    }
  });
  await page.getByRole('button', { name: 'Send' }).click();

  await expect(page.getByTestId('run-id')).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-output')).toBeVisible();
  await expect(page.getByTestId('run-tokens')).toHaveText(/^[1-9]\d* tokens$/);
  await expect(page.getByTestId('run-meta')).toContainText('offline');
  // The answer arrived as several streamed pieces, not one final blob.
  expect(deltas.length).toBeGreaterThan(1);

  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('run-feedback')).toContainText('Approved');

  await page.goto('/dashboard');
  await expect(page.getByTestId('total-runs')).toHaveText('1');
  await expect(page.getByTestId('approval-rate')).toHaveText('100%');
  await expect(page.getByTestId('usage-runs')).toContainText('1 of 100');
  const row = page.getByTestId('history-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('LinkedIn post');
  await expect(row).toContainText('approved');

  // The history filter hides runs that do not match.
  await page.getByLabel('Status').selectOption('failed');
  await expect(page.getByTestId('history-row')).toHaveCount(0);
});
