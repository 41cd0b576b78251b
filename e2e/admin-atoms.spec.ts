import { expect, test } from '@playwright/test';
import { grantAdmin } from './database';
import { signUpHere, uniqueEmail } from './accounts';

/** The atom library at scale: find an atom, edit it where you are, and undo a deactivation. */
test('an administrator searches, filters, edits a lower row in a dialog in view, and reactivates an atom', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);
  await grantAdmin(email);
  await page.goto('/admin/atoms');
  const main = page.getByRole('main');
  const rows = page.getByTestId('atom-row');
  const total = await rows.count();
  expect(total).toBeGreaterThan(10);

  // Search narrows by name, description or keyword; the category filter narrows further.
  await main.getByRole('searchbox', { name: 'Search' }).fill('pricing');
  await expect(rows.first()).toBeVisible();
  const found = await rows.count();
  expect(found).toBeLessThan(total);
  await main.getByRole('searchbox', { name: 'Search' }).fill('no atom is called this');
  await expect(rows).toHaveCount(0);
  await expect(main.getByText('No atoms match.')).toBeVisible();
  await main.getByRole('searchbox', { name: 'Search' }).fill('');
  await main.getByRole('combobox', { name: 'Category' }).selectOption('tone');
  await expect(rows.first()).toBeVisible();
  for (const category of await rows.locator('td[data-label="Category"]').allInnerTexts()) expect(category).toBe('tone');
  await main.getByRole('combobox', { name: 'Category' }).selectOption('');
  await expect(rows).toHaveCount(total);

  // Edit on the last row: the editor opens in view, as a modal dialog, wherever the row is.
  const last = rows.last();
  await last.scrollIntoViewIfNeeded();
  const name = (await last.getAttribute('data-name'))!;
  await last.getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('form', { name: 'Atom editor' });
  await expect(editor).toBeInViewport();
  await expect(editor.getByRole('heading')).toContainText(`Edit ${name}`);
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);

  // Deactivate, then undo it.
  const row = page.locator(`[data-testid="atom-row"][data-name="${name}"]`);
  await row.getByRole('button', { name: 'Deactivate' }).click();
  await expect(main.getByRole('status')).toContainText(`Deactivated ${name}`);
  await expect(row).toHaveCount(0);
  await main.getByRole('checkbox', { name: 'Show inactive' }).check();
  await row.getByRole('button', { name: 'Reactivate' }).click();
  await expect(main.getByRole('status')).toContainText(`Reactivated ${name}`);
  await main.getByRole('checkbox', { name: 'Show inactive' }).uncheck();
  await expect(row).toHaveCount(1);
  await expect(row.locator('td[data-label="Status"]')).toHaveText('active');
});
