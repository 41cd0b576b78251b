import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createAccount, signUpHere, uniqueEmail } from './accounts';
import { grantAdmin, insertFinishedRun } from './database';

const SHOTS = process.env.ADMIN_SHOTS_DIR;

/**
 * /admin as a person meets it: a member gets the not-found page and no nav link; once made an
 * administrator (as admin:grant does) they see the figures and grant admin to another user, which
 * the audit log then shows.
 */
test('a member gets the not-found page; an administrator sees the figures and grants admin to another user', async ({ page, browser, baseURL }, testInfo) => {
  const email = uniqueEmail(testInfo);
  const otherEmail = uniqueEmail(testInfo);
  await createAccount(browser, baseURL!, otherEmail);
  await signUpHere(page, email);
  const model = `e2e-model-${Math.random().toString(36).slice(2, 8)}`;
  await insertFinishedRun(email, { task: 'Seeded for the admin page', model, outputType: 'content', inputTokens: 1200, outputTokens: 300, costUsd: 0.0125, daysAgo: 1 });

  const denied = await page.goto('/admin');
  expect(denied?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'This page could not be found' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);

  await grantAdmin(email);
  await page.goto('/admin');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Admin' })).toHaveAttribute('aria-current', 'page');
  expect(Number((await page.getByTestId('admin-total-runs').innerText()).replaceAll(',', ''))).toBeGreaterThanOrEqual(1);
  const modelRow = page.getByTestId('admin-model-row').filter({ hasText: model });
  await expect(modelRow).toContainText('1,500');
  await expect(modelRow).toContainText('$0.01');
  await expect(page.getByTestId('admin-daily-runs').getByRole('img')).toHaveAttribute('aria-label', /Runs per day from .+ in all/);
  // Atoms in use are rows; the rest of the library is summed up below them.
  await expect(page.getByTestId('admin-atom-row').or(page.getByTestId('admin-unused-atoms')).first()).toBeVisible();
  await expect(page.getByTestId('admin-event-states').locator('[data-state="dead"]')).toBeVisible();
  await expect(page.getByTestId('admin-stripe-states').locator('[data-state="failing"]')).toBeVisible();
  await expect(main.getByRole('link', { name: 'Atom editor' })).toHaveAttribute('href', '/admin/atoms');

  // Find the other user and make them an administrator.
  await main.getByRole('searchbox', { name: 'Email or name' }).fill(otherEmail);
  await main.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/[?&]search=/);
  const rows = page.getByTestId('admin-user-row');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('admin-users-total')).toHaveText(`1 user match “${otherEmail}”`);
  await rows.getByRole('button', { name: `Grant admin: ${otherEmail}` }).click();
  await expect(rows.getByRole('button', { name: `Revoke admin: ${otherEmail}` })).toBeVisible();
  await expect(rows.locator('.pill')).toHaveText('Admin');
  const logged = page.getByTestId('admin-audit-row').filter({ hasText: otherEmail });
  await expect(logged.first()).toContainText('Granted admin');
  await expect(logged.first()).toContainText(email);

  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/admin-desktop.png`, fullPage: true });
    await page.getByRole('main').locator('article').nth(1).screenshot({ path: `${SHOTS}/admin-desktop-models.png` });
  }
  // On a phone: no sideways scrolling, the tables read as labelled rows.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/admin');
  await expect(page.getByTestId('admin-user-row').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/admin-phone.png`, fullPage: true });
    const cards = page.getByRole('main').locator('article');
    for (let index = 0; index < (await cards.count()); index += 1) await cards.nth(index).screenshot({ path: `${SHOTS}/admin-phone-${index}.png` });
  }
});
