import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { asDistinctClient, createAccount, fillSignIn, signUpHere, uniqueEmail } from './accounts';

/**
 * An organization as a team uses it: the owner creates one and invites a teammate (no mail here, so
 * the page shows the link once); the teammate opens the link signed out, signs in, comes back and
 * accepts; a replayed link says it was used; the owner shares a template customisation with the
 * organization and the teammate finds it under "Shared with you".
 */

const PHONE = { width: 390, height: 844 };

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
}

/** Screenshots at desktop (light) and at a 390 px phone (dark), each checked by axe; nothing sticks out sideways on the phone. */
async function shoot(page: Page, name: string, path: (name: string) => string) {
  await page.screenshot({ path: path(`${name}-desktop.png`), fullPage: true });
  expect(await seriousViolations(page), `${name} at desktop`).toEqual([]);
  const desktop = page.viewportSize();
  await page.setViewportSize(PHONE);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: path(`${name}-phone.png`), fullPage: true });
  expect(await seriousViolations(page), `${name} on a phone`).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  if (desktop) await page.setViewportSize(desktop);
}

test('create an organization, invite a teammate who accepts, share a customisation with it, the teammate sees it', async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const shotPath = (name: string) => testInfo.outputPath(name);
  const ownerEmail = uniqueEmail(testInfo);
  const teammateEmail = uniqueEmail(testInfo);
  await createAccount(browser, baseURL!, teammateEmail);
  await signUpHere(page, ownerEmail);

  await page.goto('/organizations');
  await expect(page.getByRole('heading', { name: 'Organizations', level: 1 })).toBeVisible();
  const slug = `e2e-${Date.now().toString(36)}`;
  await page.getByLabel('Name', { exact: true }).fill('Rocket Labs');
  await page.getByLabel('Slug').fill(slug);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${slug}$`));
  await expect(page.getByRole('heading', { name: 'Rocket Labs', level: 1 })).toBeVisible();
  await expect(page.getByTestId('member')).toHaveCount(1);
  // The header's switcher now offers the organization next to Personal; choosing it makes it the workspace.
  await page.getByTestId('org-switcher').click();
  const workspaces = page.getByRole('list', { name: 'Workspaces' }).getByRole('button');
  await expect(workspaces).toHaveText(['Personal', 'Rocket Labs']);
  await workspaces.filter({ hasText: 'Rocket Labs' }).click();
  await expect(page.getByTestId('org-switcher')).toHaveAttribute('title', 'Workspace: Rocket Labs');

  await page.getByRole('form', { name: 'Invite someone' }).getByLabel('Email').fill(teammateEmail);
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const link = page.getByTestId('invitation-link');
  await expect(link).toHaveValue(/\/invitations\/[A-Za-z0-9_-]{43}$/);
  const invitationUrl = new URL(await link.inputValue());
  await expect(page.getByTestId('invitation')).toContainText(teammateEmail);
  await shoot(page, 'organization', shotPath);

  // The teammate opens the link signed out: signing in brings them back to it.
  const teammateContext = await browser.newContext({ baseURL });
  await asDistinctClient(teammateContext);
  const teammate = await teammateContext.newPage();
  await teammate.goto(invitationUrl.pathname);
  await expect(teammate).toHaveURL(/\/signin\?returnUrl=/);
  await fillSignIn(teammate, { email: teammateEmail });
  await expect(teammate).toHaveURL(invitationUrl.pathname);
  await expect(teammate.getByRole('heading', { name: 'Join Rocket Labs' })).toBeVisible();
  await shoot(teammate, 'invitation', shotPath);
  await teammate.getByRole('button', { name: 'Accept and join' }).click();
  await expect(teammate).toHaveURL(new RegExp(`/organizations/${slug}$`));
  await expect(teammate.getByTestId('member')).toHaveCount(2);
  // A member sees no invitations, transfer or delete controls.
  await expect(teammate.getByRole('heading', { name: 'Invitations' })).toHaveCount(0);
  await expect(teammate.getByRole('button', { name: 'Delete organization' })).toHaveCount(0);
  await expect(teammate.getByRole('button', { name: 'Leave' })).toBeVisible();

  // The link works once.
  await teammate.goto(invitationUrl.pathname);
  await expect(teammate.getByTestId('invitation-gone')).toContainText('used already');
  await shoot(teammate, 'invitation-used', shotPath);

  await page.goto('/organizations');
  await expect(page.getByTestId('organizations')).toContainText('2 members');
  await shoot(page, 'organizations', shotPath);

  // The owner shares a customisation with the organization.
  await page.goto('/templates/init-env-config');
  await page.getByLabel('Validation library').selectOption('envalid');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Your customisation (version 1)' })).toBeVisible();
  const sharePanel = page.getByTestId('share-panel');
  await sharePanel.getByLabel('Share with Rocket Labs').check();
  await sharePanel.getByRole('button', { name: 'Share' }).click();
  await expect(sharePanel.getByTestId('share')).toContainText('With Rocket Labs');

  await teammate.goto('/templates');
  const received = teammate.getByTestId('shared-with-you');
  await expect(received).toContainText('through Rocket Labs');
  await received.getByRole('link', { name: 'Environment configuration' }).click();
  await expect(teammate).toHaveURL(/\/templates\/shared\//);
  await expect(teammate.getByRole('main')).toContainText('envalid');
  await teammateContext.close();
});
