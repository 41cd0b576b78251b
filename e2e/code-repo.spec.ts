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
  // Once written, it can be judged like any answer, dismissed (with an undo) and acted on.
  const approve = suggestion.getByRole('button', { name: 'Approve' });
  await expect(approve).toBeVisible({ timeout: 15_000 });
  await approve.click();
  await expect(approve).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: testInfo.outputPath('dashboard-suggestion.png'), fullPage: true });

  await suggestion.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('suggestion')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Dismissed' })).toContainText('Add rate limiting');
  await page.reload();
  await expect(page.getByTestId('suggestions')).toContainText('None yet');

  await page.goto('/integrations');
  await expect(page.getByTestId('delivery').first()).toContainText('Add rate limiting');
  await expect(page.getByTestId('delivery-status').first()).toHaveText('processed');
  await page.getByTestId('delivery').first().getByRole('link', { name: 'the suggestion' }).click();
  await expect(page).toHaveURL(/\/runs\//);
});

test('a suggestion dismissed by mistake comes back with Undo, and acting on it opens its conversation', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  await signUpHere(page, uniqueEmail(testInfo));
  const repository = `acme-${randomUUID().slice(0, 8)}/web`;
  await page.goto('/vibe');
  await page.getByLabel('Suggest work from repository events').check();
  await page.getByRole('button', { name: 'Save vibe' }).click();
  await expect(page.getByRole('button', { name: 'Save vibe' })).toHaveText('Save vibe');
  await page.goto('/integrations');
  await page.getByLabel('Repository (owner/name)').fill(repository);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('repositories')).toContainText(repository);

  const body = JSON.stringify({
    action: 'opened',
    issue: { number: 7, title: 'Checkout button does nothing on Safari', html_url: `https://github.com/${repository}/issues/7`, body: 'Nothing happens on tap.', user: { login: 'hubot' } },
    repository: { full_name: repository },
  });
  const signature = `sha256=${createHmac('sha256', E2E_CODE_REPO_SECRET).update(body).digest('hex')}`;
  const delivered = await request.post('/webhooks/code-repo', {
    headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signature },
    data: body,
  });
  expect(delivered.status()).toBe(200);

  await page.goto('/dashboard');
  const suggestion = page.getByTestId('suggestion');
  await expect(suggestion).toContainText('Checkout button does nothing on Safari', { timeout: 15_000 });
  await suggestion.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('suggestion')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('suggestion')).toContainText('Checkout button does nothing on Safari');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('dashboard-suggestion-phone.png'), fullPage: true });

  await page.getByTestId('suggestion').getByRole('button', { name: 'Act on it' }).click();
  await expect(page).toHaveURL(/\/chat\?thread=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Checkout button does nothing on Safari');
  await page.goto('/dashboard');
  await expect(page.getByTestId('suggestion')).toContainText('Acted on');
  await expect(page.getByTestId('suggestion').getByRole('button', { name: 'Continue in chat' })).toBeVisible();
});
