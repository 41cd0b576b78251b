import { expect, test } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

test('header widths', async ({ page }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/organizations');
  await page.getByLabel('Name', { exact: true }).fill('Rocket Labs');
  await page.getByLabel('Slug').fill(`h-${Date.now().toString(36)}`);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByTestId('org-switcher')).toBeVisible();
  const css = process.env.EXTRA_CSS ?? '';
  if (css) await page.addStyleTag({ content: css });
  for (const width of [1024, 1100, 1280, 1440]) {
    await page.setViewportSize({ width, height: 300 });
    const m = await page.evaluate(() => {
      const links = document.querySelector('.nav-links')!.getBoundingClientRect();
      const account = document.querySelector('.nav-account')!;
      const kids = [...account.children].map((c) => { const r = c.getBoundingClientRect(); return `${c.className}:${Math.round(r.left)}-${Math.round(r.right)}`; });
      return { linksRight: Math.round(links.right), accountLeft: Math.round(account.getBoundingClientRect().left), kids, vw: window.innerWidth };
    });
    console.log(width, JSON.stringify(m));
    await page.screenshot({ path: `/tmp/shots-orgs/header-${width}.png`, clip: { x: 0, y: 0, width, height: 60 } });
  }
});
