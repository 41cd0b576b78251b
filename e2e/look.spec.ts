import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

/**
 * The look, checked where a person meets it: no serious or critical WCAG 2 A/AA problem (contrast
 * included) in the light and the dark palette, a skip link that is the first Tab stop and lands in
 * the page's content, a landing page that fits a phone, and a favicon that loads.
 */

const SCHEMES = ['light', 'dark'] as const;

/** Relative luminance (0 black … 1 white) of the page background the visitor sees. */
async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/[\d.]+/g)!.map(Number);
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
  });
}

async function expectAccessibleInBothSchemes(page: Page, path: string) {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    // The palette really follows the system: a dark page for a dark system, a light one otherwise.
    const luminance = await backgroundLuminance(page);
    if (colorScheme === 'dark') expect(luminance, `${path} background in dark mode`).toBeLessThan(0.05);
    else expect(luminance, `${path} background in light mode`).toBeGreaterThan(0.8);

    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const blocking = violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ rule: violation.id, nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`) }));
    expect(blocking, `${path} in the ${colorScheme} scheme`).toEqual([]);
  }
}

async function expectSkipLinkFirst(page: Page, path: string) {
  await page.goto(path);
  const skip = page.getByRole('link', { name: 'Skip to content' });
  // Out of sight until it has focus.
  await expect(skip).not.toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(skip, `the first Tab stop on ${path}`).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  // The next Tab stop is inside the content, past the navigation.
  await page.keyboard.press('Tab');
  await expect(page.locator('main :focus')).toHaveCount(1);
}

for (const path of ['/', '/signin', '/signup', '/pricing']) {
  test(`${path} passes WCAG A/AA in light and dark, and starts with a skip link`, async ({ page }) => {
    await expectAccessibleInBothSchemes(page, path);
    await expectSkipLinkFirst(page, path);
  });
}

test('the signed-in pages pass WCAG A/AA in light and dark, start with a skip link and are marked in the navigation', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  // One account for all of them: signing up is not what this checks.
  await signUpHere(page, uniqueEmail(testInfo));
  for (const path of ['/dashboard', '/chat', '/vibe', '/templates', '/integrations', '/billing', '/settings']) {
    await expectAccessibleInBothSchemes(page, path);
    await expectSkipLinkFirst(page, path);
    const nav = page.getByRole('navigation', { name: 'Account' });
    await expect(nav.locator('[aria-current="page"]'), path).toHaveCount(1);
    await expect(nav.locator('[aria-current="page"]'), path).toHaveAttribute('href', path);
  }
});

test('the landing page fits a 390 px phone and shows its favicon without a console error', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `the landing page is ${scrollWidth} px wide at ${clientWidth} px`).toBeLessThanOrEqual(clientWidth);
  await expect(page.getByRole('main').getByRole('link', { name: 'Create your account' })).toBeInViewport();

  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBeTruthy();
  const response = await page.request.get(icon!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/svg+xml');
  expect(errors).toEqual([]);
});
