import { expect, test, type Page } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

/**
 * The vibe studio says when the form differs from what was saved, warns before leaving such a
 * form, and refuses to overwrite a save another tab made in the meantime (409), offering to load it.
 */

const playfulness = (page: Page) => page.getByRole('slider', { name: 'Playfulness', exact: true });
const playfulnessValue = (page: Page) => page.getByTestId('playfulness-value');
const saveState = (page: Page) => page.getByTestId('save-state');

async function setPlayfulness(page: Page, value: number) {
  await playfulness(page).fill(String(value));
  await expect(playfulnessValue(page)).toHaveText(String(value));
}

test('unsaved changes are shown and a save from an older version is refused with a way to load the newer one', async ({ page, context }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/vibe');
  const other = await context.newPage();
  await other.goto('/vibe');

  await expect(saveState(page)).toHaveText('All changes saved');
  await expect(page.getByRole('button', { name: 'Save vibe' })).toBeDisabled();
  await setPlayfulness(page, 20);
  await expect(saveState(page)).toHaveText('Unsaved changes');
  // Moving back to the saved value is not a change.
  await setPlayfulness(page, 50);
  await expect(saveState(page)).toHaveText('All changes saved');
  await setPlayfulness(page, 20);
  await page.getByRole('button', { name: 'Save vibe' }).click();
  await expect(page.getByText('Vibe saved.')).toBeVisible();
  await expect(saveState(page)).toHaveText('All changes saved');

  // The second tab still holds the version it opened.
  await setPlayfulness(other, 80);
  await other.getByRole('button', { name: 'Save vibe' }).click();
  const conflict = other.getByRole('alert').filter({ hasText: 'Another tab or device saved this vibe' });
  await expect(conflict).toContainText(/at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  await expect(saveState(other)).toHaveText('Unsaved changes');
  await conflict.getByRole('button', { name: 'Load the newer version' }).click();
  await expect(playfulnessValue(other)).toHaveText('20');
  await expect(saveState(other)).toHaveText('All changes saved');
  await expect(conflict).toHaveCount(0);

  // Now based on the newer version, its save goes through.
  await setPlayfulness(other, 65);
  await other.getByRole('button', { name: 'Save vibe' }).click();
  await expect(other.getByText('Vibe saved.')).toBeVisible();
  await page.reload();
  await expect(playfulnessValue(page)).toHaveText('65');

  // "Save mine over it" keeps this tab's settings, knowingly.
  await setPlayfulness(page, 5);
  await page.getByRole('button', { name: 'Save vibe' }).click();
  await setPlayfulness(other, 95);
  await other.getByRole('button', { name: 'Save vibe' }).click();
  await other.getByRole('button', { name: 'Save mine over it' }).click();
  await expect(other.getByText('Vibe saved.')).toBeVisible();
  await page.reload();
  await expect(playfulnessValue(page)).toHaveText('95');
});

test('leaving the vibe page with unsaved changes asks first', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/vibe');
  await setPlayfulness(page, 12);
  // Browsers only show the leave prompt on a page the person has interacted with.
  await page.getByRole('heading', { name: 'Your vibe' }).click();

  const prompted = page.waitForEvent('dialog');
  const reload = page.reload();
  const dialog = await prompted;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
  await reload;
  await expect(playfulnessValue(page)).toHaveText('50');

  // A link inside the app asks too, and staying keeps the changes.
  await setPlayfulness(page, 33);
  page.once('dialog', (confirm) => {
    expect(confirm.message()).toContain('unsaved changes');
    void confirm.dismiss();
  });
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/vibe$/);
  await expect(playfulnessValue(page)).toHaveText('33');
});

test('the vibe form shows what is wrong under the field it is about', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/vibe');
  const main = page.getByRole('main');

  const instructions = main.getByRole('textbox', { name: /^Custom instructions/ });
  await instructions.fill('x'.repeat(2001));
  await expect(main.getByText('(2001/2000)')).toBeVisible();
  await main.getByRole('button', { name: 'Save vibe' }).click();
  await expect(instructions).toHaveAttribute('aria-invalid', 'true');
  await expect(instructions).toHaveAccessibleDescription('Custom instructions must be at most 2000 characters.');
  await instructions.fill('Cite numbers.');
  await main.getByRole('button', { name: 'Save vibe' }).click();
  await expect(main.getByText('Vibe saved.')).toBeVisible();
  await expect(instructions).not.toHaveAttribute('aria-invalid');

  const presetName = main.getByRole('textbox', { name: 'Preset name' });
  await presetName.fill('Focus');
  await main.getByRole('button', { name: 'Save as preset' }).click();
  await expect(page.getByTestId('preset')).toHaveCount(1);
  await presetName.fill('FOCUS');
  await main.getByRole('button', { name: 'Save as preset' }).click();
  await expect(presetName).toHaveAttribute('aria-invalid', 'true');
  await expect(presetName).toHaveAccessibleDescription(/^A preset named "FOCUS" already exists/);
  await presetName.fill('x'.repeat(81));
  await main.getByRole('button', { name: 'Save as preset' }).click();
  await expect(presetName).toHaveAccessibleDescription('The name must be at most 80 characters.');
  await expect(page.getByTestId('preset')).toHaveCount(1);
});
