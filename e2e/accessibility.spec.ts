import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { grantAdmin } from './database';
import { signUpHere, uniqueEmail } from './accounts';

/**
 * Accessibility of every page, as axe-core judges it (WCAG 2.1 A and AA rules), at a 390 px phone
 * width in the dark scheme and, where the look checks do not already, at a desktop width in the
 * light one; and the core loop done with the keyboard alone.
 */

/**
 * Where each page is checked: at a phone width in the dark scheme, and at a desktop width in the
 * light one for the pages the look checks (e2e/look.spec.ts: desktop, light and dark) do not visit.
 */
const PHONE = { name: 'phone', width: 390, height: 844, scheme: 'dark' } as const;
const DESKTOP = { name: 'desktop', width: 1280, height: 800, scheme: 'light' } as const;
type Combination = typeof PHONE | typeof DESKTOP;

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
}

async function checkEverywhere(page: Page, paths: string[], combinations: Combination[] = [PHONE, DESKTOP]) {
  const found: string[] = [];
  for (const combination of combinations) {
    await page.setViewportSize({ width: combination.width, height: combination.height });
    await page.emulateMedia({ colorScheme: combination.scheme });
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      for (const violation of await seriousViolations(page)) found.push(`${path} [${combination.name}, ${combination.scheme}] ${violation}`);
    }
  }
  expect(found, found.join('\n')).toEqual([]);
}

test('signed-out pages have no serious or critical violation', async ({ page }) => {
  test.setTimeout(90_000);
  await checkEverywhere(page, ['/', '/signin', '/signup', '/pricing'], [PHONE]);
});

test('signed-in pages of the core loop have no serious or critical violation', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);
  await grantAdmin(email);
  await page.goto('/chat');
  await page.getByLabel('Task').fill('Write a short LinkedIn post announcing our new pricing page');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  const runId = (await page.getByTestId('run-id').textContent())!.trim();
  await expect.poll(() => new URL(page.url()).searchParams.get('thread')).not.toBeNull();
  const thread = new URL(page.url()).searchParams.get('thread')!;

  await checkEverywhere(page, ['/onboarding', '/dashboard', '/chat', '/vibe', '/settings'], [PHONE]);
  await checkEverywhere(page, [`/chat?thread=${thread}`, `/runs/${runId}`, '/admin/atoms']);
});

test('signed-in pages of templates, integrations and billing have no serious or critical violation', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signUpHere(page, uniqueEmail(testInfo));
  await checkEverywhere(page, ['/templates', '/integrations', '/billing'], [PHONE]);
  await checkEverywhere(page, ['/templates/init-env-config']);
});

test('the core loop works from the keyboard alone: skip link, ask, read, approve', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/chat');

  // The first Tab stop skips the navigation and lands in the page's content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  const task = page.getByLabel('Task');
  for (let i = 0; i < 30 && !(await task.evaluate((element) => element === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(task).toBeFocused();
  await page.keyboard.type('Draft a two-line welcome email for new customers');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');

  const approve = page.getByRole('button', { name: 'Approve' });
  for (let i = 0; i < 40 && !(await approve.evaluate((element) => element === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(approve).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-feedback')).toContainText('Approved');
  // Focus stays where the user acted.
  await expect(approve).toBeFocused();
});
