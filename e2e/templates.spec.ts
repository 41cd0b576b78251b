import { expect, test } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

/**
 * The template catalog as a person uses it: find a template, customise it (a bad value is
 * refused next to its field, nothing saved), preview it against the base, save twice, compare the
 * versions and restore the first.
 */
test('find a template, customise it with a refusal shown at the field, preview, save, compare and restore', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await signUpHere(page, uniqueEmail(testInfo));

  await page.goto('/templates');
  await expect(page.getByRole('heading', { name: 'Templates', level: 1 })).toBeVisible();
  await expect(page.getByTestId('template-count')).toHaveText('39 templates.');
  await page.screenshot({ path: testInfo.outputPath('templates.png'), fullPage: true });
  await page.getByLabel('Search').fill('environment');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/q=environment/);
  await expect(page.getByTestId('template-card').first()).toContainText('Environment configuration');
  await page.getByRole('link', { name: 'Environment configuration' }).click();
  await expect(page).toHaveURL(/\/templates\/init-env-config$/);

  // A prefix that breaks the variable's pattern is refused next to the field, and nothing is saved.
  const prefix = page.getByLabel('Public prefix');
  await prefix.fill('public-');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Some values need a change; see the fields.')).toBeVisible();
  await expect(prefix).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('history')).toHaveCount(0);

  await prefix.fill('PUBLIC_');
  await page.getByLabel('Validation library').selectOption('valibot');
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByTestId('preview');
  await expect(preview.getByTestId('preview-base')).toContainText('with zod');
  await expect(preview.getByTestId('preview-customized')).toContainText('with valibot');
  await expect(preview.getByTestId('diff')).toContainText('valibot');
  await page.screenshot({ path: testInfo.outputPath('template-preview.png'), fullPage: true });

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your customisation (version 1)' })).toBeVisible();
  await page.getByLabel('Validation library').selectOption('envalid');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your customisation (version 2)' })).toBeVisible();

  const history = page.getByTestId('history');
  await expect(history.getByTestId('history-entry')).toHaveCount(2);
  await history.getByRole('button', { name: 'Compare with current' }).click();
  const diff = history.getByTestId('version-diff');
  await expect(diff).toContainText('validator');
  await expect(diff.getByRole('row', { name: /validator/ })).toContainText('valibot');
  await expect(diff.getByRole('row', { name: /validator/ })).toContainText('envalid');

  await history.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('heading', { name: 'Your customisation (version 3)' })).toBeVisible();
  await expect(page.getByLabel('Validation library')).toHaveValue('valibot');
  await expect(page.getByLabel('Public prefix')).toHaveValue('PUBLIC_');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('template-phone.png'), fullPage: true });

  await page.goto('/templates');
  await expect(page.getByTestId('template-card').filter({ hasText: 'Environment configuration' })).toContainText('Customised');
});

test('a task run with two templates, one customised, from the template page and the picker', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/templates/init-env-config');
  await page.getByLabel('Validation library').selectOption('valibot');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your customisation (version 1)' })).toBeVisible();

  await page.getByRole('link', { name: 'Use in a task' }).click();
  await expect(page).toHaveURL(/\/chat\?templates=init-env-config$/);
  await expect(page.getByTestId('attached-template')).toHaveText(['Environment configuration']);
  await page.getByRole('button', { name: 'Templates (1)' }).click();
  await page.getByLabel('Find a template').fill('logging');
  await page.getByRole('checkbox', { name: 'Structured logging' }).check();
  await expect(page.getByTestId('attached-template')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('chat-templates.png'), fullPage: true });

  await page.getByLabel('Task').fill('Set up configuration and logging for our new API service');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  const used = page.getByTestId('run-templates');
  await expect(used).toContainText('Followed 2 templates');
  await expect(used).toContainText('init-env-config v1.0.0 (your version 1)');
  await expect(used).toContainText('init-logging');
  // Attached to that run only: the box is empty of templates for the follow-up.
  await expect(page.getByTestId('attached-template')).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('chat-templates-phone.png'), fullPage: true });
});

test('a customisation shared by email before its recipient has an account reaches them when they sign up, and is cloned into theirs', async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  const recipientEmail = uniqueEmail(testInfo);
  const recipient = await browser.newContext({ baseURL });
  const other = await recipient.newPage();

  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/templates/init-env-config');
  await page.getByLabel('Validation library').selectOption('envalid');
  await page.getByLabel('Custom instructions').fill('We deploy on Fly.io.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your customisation (version 1)' })).toBeVisible();
  const sharePanel = page.getByTestId('share-panel');
  await sharePanel.getByLabel('A person, by email').check();
  await sharePanel.getByLabel('Their email').fill(recipientEmail);
  await sharePanel.getByRole('button', { name: 'Share' }).click();
  await expect(sharePanel.getByTestId('share')).toContainText(`With ${recipientEmail}`);
  // The same words whether or not the address has an account (it has none yet).
  await expect(sharePanel.getByText(`Shared: with ${recipientEmail}. They see it in their shared templates; with no account yet, once they sign up with this address.`)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('shared-by-email.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await sharePanel.screenshot({ path: testInfo.outputPath('shared-by-email-phone.png') });

  // The recipient signs up afterwards, and the share is theirs.
  await signUpHere(other, recipientEmail);
  await other.goto('/templates');
  const received = other.getByTestId('shared-with-you');
  await received.getByRole('link', { name: 'Environment configuration' }).click();
  await expect(other).toHaveURL(/\/templates\/shared\//);
  const sharedUrl = other.url();
  await expect(other.getByRole('main')).toContainText('envalid');
  await other.getByRole('button', { name: 'Clone into my Environment configuration customisation' }).click();
  await expect(other).toHaveURL(/\/templates\/init-env-config$/);
  await expect(other.getByLabel('Validation library')).toHaveValue('envalid');
  await expect(other.getByLabel('Custom instructions')).toHaveValue('We deploy on Fly.io.');
  await other.screenshot({ path: testInfo.outputPath('cloned.png'), fullPage: true });

  // Revoked: it is no longer listed for them.
  await sharePanel.getByRole('button', { name: `Revoke: With ${recipientEmail}` }).click();
  await expect(sharePanel.getByText('Not shared yet.')).toBeVisible();
  await other.goto('/templates');
  await expect(other.getByTestId('shared-with-you')).toHaveCount(0);
  const gone = await other.goto(sharedUrl);
  expect(gone?.status()).toBe(404);
  await recipient.close();
});

test('a built-in preset applies to its templates, and an export imports into another account', async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(90_000);
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/templates');
  await page.getByText('Presets: set the same values on many templates at once').click();
  const presets = page.getByTestId('presets-panel');
  await presets.getByLabel('Preset').selectOption({ label: 'Next.js + Supabase SaaS (built in)' });
  await presets.getByRole('button', { name: /^Apply to \d+ templates?$/ }).click();
  const report = presets.getByTestId('apply-report');
  await expect(report).toContainText(/Applied to [1-9]\d*, failed for 0/);
  await page.reload();
  await expect(page.getByTestId('template-card').filter({ hasText: 'Customised' }).first()).toBeVisible();

  await page.getByText('Import or export your customisations').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download JSON' }).click()]);
  const file = testInfo.outputPath('templates.json');
  await download.saveAs(file);

  const other = await browser.newContext({ baseURL });
  const second = await other.newPage();
  await signUpHere(second, uniqueEmail(testInfo));
  await second.goto('/templates');
  await second.getByText('Import or export your customisations').click();
  const panel = second.getByTestId('import-export-panel');
  await panel.getByLabel('File to import').setInputFiles(file);
  await panel.getByRole('button', { name: 'Check the file' }).click();
  await expect(panel.getByTestId('import-report')).toContainText('Ready to import');
  await panel.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(panel.getByTestId('import-report')).toContainText('Imported');
  await second.reload();
  const customised = await page.getByTestId('template-card').filter({ hasText: 'Customised' }).count();
  await expect(second.getByTestId('template-card').filter({ hasText: 'Customised' })).toHaveCount(customised);
  await other.close();
});
