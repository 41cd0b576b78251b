import { test } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

const sizes = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

test('shots', async ({ page }, testInfo) => {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.goto('/pricing');
    await page.screenshot({ path: `/tmp/shots/pricing-out-${size.name}.png`, fullPage: true });
  }
  await page.setViewportSize(sizes[0]!);
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto('/pricing');
  await page.screenshot({ path: `/tmp/shots/pricing-free-desktop.png`, fullPage: true });
  await page.goto('/billing');
  await page.screenshot({ path: `/tmp/shots/billing-free-desktop.png`, fullPage: true });
  await page.goto('/pricing');
  await page.getByTestId('checkout-pro').click();
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.getByTestId('success-tier').waitFor();
  await page.screenshot({ path: `/tmp/shots/success-desktop.png`, fullPage: true });
  for (const size of sizes) {
    await page.setViewportSize(size);
    await page.goto('/billing');
    await page.screenshot({ path: `/tmp/shots/billing-pro-${size.name}.png`, fullPage: true });
  }
  await page.setViewportSize(sizes[1]!);
  await page.goto('/success-nope');
  await page.goto('/pricing');
  await page.screenshot({ path: `/tmp/shots/pricing-pro-phone.png`, fullPage: true });
});
