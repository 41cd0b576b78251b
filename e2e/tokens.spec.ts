import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';

/** Settings → API tokens: made once, shown once, used with a Bearer header, revoked at once. */

test('a person makes a token, uses it on the API, revokes it, and it stops working', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);
  await page.goto('/settings');
  await page.getByRole('main').getByRole('link', { name: 'Manage API tokens' }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();

  // Nothing filled in: the server's refusals appear at their fields.
  const name = main.getByRole('textbox', { name: 'Name' });
  await main.getByRole('button', { name: 'Create token' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('give the token a name');
  await expect(name).toBeFocused();
  await expect(main.getByRole('group', { name: 'What it may do' })).toHaveAccessibleDescription('choose at least one scope');

  await name.fill('Status script');
  await main.getByRole('checkbox', { name: /profile:read/ }).check();
  await main.getByLabel('Expires after').selectOption({ label: '7 days' });
  await main.getByRole('button', { name: 'Create token' }).click();

  const shown = main.getByTestId('new-token');
  await expect(shown).toContainText('it will not be shown again');
  await expect(shown.getByRole('heading')).toBeFocused();
  const token = await shown.getByTestId('new-token-value').inputValue();
  expect(token).toMatch(/^vc_[A-Za-z0-9]{40}$/);
  const item = main.getByTestId('api-token').filter({ hasText: 'Status script' });
  await expect(item).toContainText(`${token.slice(0, 9)}…`);
  await expect(item).toContainText('Active');
  await expect(item).toContainText('profile:read');
  await expect(item.getByText('Never', { exact: true })).toHaveCount(1);
  // The page with the secret, the form and the list: no serious or critical WCAG 2 A/AA problem.
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

  const me = await page.request.get('/api/me', { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).user.email).toBe(email);
  // Its scope is all it can do.
  expect((await page.request.get('/api/runs', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(403);

  // Shown once: after a reload only its prefix is on the page, and it has been used.
  await page.reload();
  await expect(main.getByTestId('new-token')).toHaveCount(0);
  expect(await page.content()).not.toContain(token.slice(9));
  await expect(item.getByText('Never', { exact: true })).toHaveCount(0);

  page.once('dialog', (dialog) => void dialog.accept());
  await item.getByRole('button', { name: /^Revoke Status script/ }).click();
  await expect(main.getByRole('status')).toHaveText('Revoked “Status script”.');
  await expect(item).toContainText('Revoked');

  const after = await page.request.get('/api/me', { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe('unauthorized');
});
