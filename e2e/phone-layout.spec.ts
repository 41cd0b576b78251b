import { expect, test, type Page } from '@playwright/test';
import { grantAdmin } from './database';
import { signUpHere, uniqueEmail } from './accounts';

/**
 * Every page at a 390 px phone width: nothing scrolls sideways, and the navigation is reachable.
 * The width is measured on the document, so any element that sticks out fails the test.
 */

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSidewaysScroll(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  const { scrollWidth, clientWidth, culprit } = await page.evaluate(() => {
    const root = document.documentElement;
    // The widest element, named in the failure message so the fix is easy to find.
    let widest = '';
    let right = root.clientWidth;
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      if (box.right > right + 0.5) {
        right = box.right;
        widest = `${element.tagName.toLowerCase()}.${(element as HTMLElement).className || ''} (${Math.round(box.right)} px)`;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprit: widest };
  });
  expect(scrollWidth, `${path} is ${scrollWidth} px wide at ${clientWidth} px; widest: ${culprit}`).toBeLessThanOrEqual(clientWidth);
}

test('signed-out pages fit a phone', async ({ page }) => {
  for (const path of ['/', '/signin', '/signup']) await expectNoSidewaysScroll(page, path);
});

test('every signed-in page fits a phone, and the menu opens', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);
  await grantAdmin(email);

  await page.goto('/chat');
  await page.getByLabel('Task').fill('Write a short LinkedIn post announcing our new pricing page');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  const runId = (await page.getByTestId('run-id').textContent())!.trim();

  for (const path of ['/dashboard', '/chat', '/vibe', '/settings', '/onboarding', '/templates', '/templates/init-env-config', '/integrations', '/billing', `/runs/${runId}`, '/admin/atoms']) {
    await expectNoSidewaysScroll(page, path);
  }

  // The links sit behind a menu button on a phone; it opens and leads on.
  await page.goto('/dashboard');
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Vibe' })).toBeHidden();
  await menu.click();
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Vibe' }).click();
  await expect(page).toHaveURL(/\/vibe$/);
});
