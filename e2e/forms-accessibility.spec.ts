import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

/** axe finds nothing on the forms in the states a person sees: open lists, errors, confirmations. */

async function expectNoViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    state,
  ).toEqual([]);
}

test('onboarding, the vibe page and settings pass axe', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/onboarding');
  await expectNoViolations(page, 'onboarding, first step');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('wizard-progress')).toHaveText('Step 2 of 5');
  await expectNoViolations(page, 'onboarding, second step');
  for (const n of [3, 4, 5]) {
    await page.getByRole('button', { name: 'Skip' }).click();
    await expect(page.getByTestId('wizard-progress')).toHaveText(`Step ${n} of 5`);
  }
  const zone = page.getByRole('combobox', { name: 'Time zone' });
  for (const typed of ['ber', 'a', 'no such zone']) {
    await zone.fill(typed);
    await expectNoViolations(page, `time zone list for "${typed}"`);
  }
  await zone.press('Escape');
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(zone).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page, 'time zone refused');

  await page.goto('/vibe');
  await expect(page.getByTestId('system-prompt')).toBeVisible();
  await page.getByRole('slider', { name: 'Playfulness', exact: true }).fill('10');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expectNoViolations(page, 'vibe with unsaved changes');

  await page.goto('/settings');
  await page.getByRole('button', { name: 'Delete account…' }).click();
  await page.getByRole('button', { name: 'Delete my account and all its data' }).click();
  await expect(page.getByLabel('Type your current password to confirm')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page, 'settings with the delete confirmation');
});
