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

  // Records, in the page, the type of each NDJSON event the browser receives from POST /api/runs
  // (a tee of the body, so the page reads the same stream it always does).
  await page.addInitScript(() => {
    const events: string[] = [];
    (window as unknown as { runEventTypes: string[] }).runEventTypes = events;
    const originalFetch = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const response = await originalFetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.endsWith('/api/runs') || init?.method !== 'POST' || !response.body) return response;
      const [watched, forwarded] = response.body.tee();
      void (async () => {
        const reader = watched.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffered += value;
          for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
            events.push((JSON.parse(buffered.slice(0, newline)) as { type: string }).type);
            buffered = buffered.slice(newline + 1);
          }
        }
      })();
      return new Response(forwarded, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  });
  await page.goto('/chat');
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  await page.getByLabel('Task').fill('Write a short LinkedIn post announcing our new pricing page');
  await page.getByLabel('Output').selectOption('content');

  await page.getByRole('button', { name: 'Send' }).click();

  await expect(page.getByTestId('run-id')).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-output')).toBeVisible();
  await expect(page.getByTestId('run-tokens')).toHaveText(/^[1-9]\d* tokens$/);
  await expect(page.getByTestId('run-meta')).toContainText('offline');
  // The answer arrived as several streamed pieces, not one final blob.
  const lines = await page.evaluate(() => (window as unknown as { runEventTypes: string[] }).runEventTypes);
  expect(lines[0]).toBe('run');
  expect(lines.filter((type) => type === 'delta').length).toBeGreaterThan(1);
  expect(lines.at(-1)).toBe('done');

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
