import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { E2E_DATABASE_URL_FILE } from '../scripts/lib/e2e-database-url';
import { createAccount, signUpHere, uniqueEmail } from './accounts';
import { grantAdmin, insertFinishedRun } from './database';

const SHOTS = process.env.ADMIN_SHOTS_DIR;

/** A repository event of this user's whose job ran out of attempts, as the drain leaves one. */
async function insertDeadEvent(email: string): Promise<void> {
  const sql = postgres((await readFile(E2E_DATABASE_URL_FILE, 'utf8')).trim(), { max: 1, prepare: false, idle_timeout: 1, onnotice: () => {} });
  try {
    await sql`insert into public.background_events (user_id, event_type, delivery_id, repository, status, reason, attempts)
      select id, 'issue.created', ${crypto.randomUUID()}, 'acme/api', 'dead', 'provider_error: down', 4 from auth.users where lower(email) = lower(${email})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
}

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
  await insertDeadEvent(otherEmail);
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
  expect(await seriousViolations(page)).toEqual([]);

  // Another user's dead event: the administrator's Retry queues it again.
  const dead = page.getByTestId('admin-dead-event').filter({ hasText: otherEmail });
  await expect(dead).toContainText('provider_error: down');
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await main.locator('article').filter({ has: page.getByRole('heading', { name: 'Webhooks and queue' }) }).screenshot({ path: `${SHOTS}/admin-desktop-health.png` });
  }
  await dead.getByRole('button', { name: `Retry issue.created event of ${otherEmail}` }).click();
  await expect(dead).toHaveCount(0);

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
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page)).toEqual([]);
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/admin-phone.png`, fullPage: true });
    const cards = page.getByRole('main').locator('article');
    for (let index = 0; index < (await cards.count()); index += 1) await cards.nth(index).screenshot({ path: `${SHOTS}/admin-phone-${index}.png` });
  }
});
