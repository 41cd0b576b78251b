import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { fillSignIn, PASSWORD, signUpHere, uniqueEmail } from './accounts';

/** Settings → Your data: the JSON download, and deleting the account for good. */

test('a person downloads their data, then deletes the account, and can no longer sign in', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);
  await page.goto('/settings');
  const main = page.getByRole('main');

  const downloaded = page.waitForEvent('download');
  await main.getByRole('link', { name: 'Download my data (JSON)' }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^venture-companion-data-\d{4}-\d\d-\d\d\.json$/);
  const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
  expect(data.account.email).toBe(email);
  expect(data.vibe).toMatchObject({ kind: 'current' });

  const zone = main.getByRole('region', { name: 'Delete account' });
  await zone.getByRole('button', { name: 'Delete account…' }).click();
  await expect(zone.getByRole('listitem').first()).toContainText(`your account ${email}`);
  await expect(zone.getByText('0 runs, with their prompts, answers and feedback')).toBeVisible();
  const passwordField = zone.getByLabel('Type your current password to confirm');
  const confirm = zone.getByRole('button', { name: 'Delete my account and all its data' });

  // Nothing typed: the field says what to do.
  await confirm.click();
  await expect(passwordField).toHaveAttribute('aria-invalid', 'true');
  await expect(passwordField).toHaveAccessibleDescription('Enter your current password.');

  // A wrong password deletes nothing.
  await passwordField.fill('not my password');
  await confirm.click();
  await expect(passwordField).toHaveAccessibleDescription('That is not your current password. Nothing was deleted.');
  await page.reload();
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);

  await zone.getByRole('button', { name: 'Delete account…' }).click();
  await passwordField.fill(PASSWORD);
  await confirm.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

  // Signed out, and the account is gone.
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/signin\?returnUrl=%2Fsettings$/);
  await fillSignIn(page, { email });
  await expect(page.getByRole('main').getByText('Wrong email or password.')).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
});
