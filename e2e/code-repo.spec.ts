import { createHmac, randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { E2E_CODE_REPO_SECRET } from '../scripts/lib/e2e-code-repo-secret';
import { signUpHere, uniqueEmail } from './accounts';

/**
 * A repository event as a person sees it: turn on auto-suggest, connect a repository, and when
 * GitHub (here, the test, with a real signature) delivers a merged pull request, the suggestion
 * appears on the open dashboard without a reload; the integrations page lists the delivery.
 */
test('a merged pull request becomes a suggestion on the dashboard without a reload', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  await signUpHere(page, uniqueEmail(testInfo));
  const repository = `acme-${randomUUID().slice(0, 8)}/api`;

  await page.goto('/vibe');
  await page.getByLabel('Suggest work from repository events').check();
  await page.getByRole('button', { name: 'Save vibe' }).click();
  await expect(page.getByRole('button', { name: 'Save vibe' })).toHaveText('Save vibe');

  await page.goto('/integrations');
  await expect(page.getByTestId('webhook-url')).toHaveText(/\/webhooks\/code-repo$/);
  await expect(page.getByTestId('auto-suggest-off')).toHaveCount(0);
  await page.getByLabel('Repository (owner/name)').fill(repository);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('repositories')).toContainText(repository);

  await page.goto('/dashboard');
  await expect(page.getByTestId('suggestions')).toContainText('None yet');

  const body = JSON.stringify({
    action: 'closed',
    number: 42,
    pull_request: { title: 'Add rate limiting', html_url: `https://github.com/${repository}/pull/42`, body: 'Limits per user.', merged: true, user: { login: 'octocat' }, head: { ref: 'rate-limit' }, base: { ref: 'main' } },
    repository: { full_name: repository },
  });
  const signature = `sha256=${createHmac('sha256', E2E_CODE_REPO_SECRET).update(body).digest('hex')}`;
  const delivered = await request.post('/webhooks/code-repo', {
    headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature },
    data: body,
  });
  expect(delivered.status()).toBe(200);

  const suggestion = page.getByTestId('suggestion');
  await expect(suggestion).toContainText(`PR #42 "Add rate limiting" was merged in ${repository} (rate-limit → main) by octocat`, { timeout: 15_000 });
  await suggestion.getByRole('link').click();
  await expect(page).toHaveURL(/\/runs\//);

  await page.goto('/integrations');
  await expect(page.getByTestId('delivery').first()).toContainText('Add rate limiting');
  await expect(page.getByTestId('delivery-status').first()).toHaveText(/processed|received/);
});
