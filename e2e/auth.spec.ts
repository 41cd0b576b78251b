import { expect, test as base } from '@playwright/test';
import { AFTER_SIGN_UP_PATH, asDistinctClient, createAccount, fillSignIn, fillSignUp, PASSWORD, signUpHere, uniqueEmail } from './accounts';

/**
 * Signing up, in and out in a real browser against the production build, asserted on what a
 * person sees: where they end up, the header, the dashboard and the error messages.
 */

// baseURL is always set in playwright.config.ts; this makes it a plain string for the tests.
const test = base.extend<{ origin: string }>({
  origin: async ({ baseURL }, provide) => {
    if (!baseURL) throw new Error('baseURL is not configured');
    await provide(new URL(baseURL).origin);
  },
});

test('a new visitor signs up, is signed in and has the free plan', async ({ page, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: 'Create your account' }).click();
  await expect(page).toHaveURL(`${origin}/signup`);

  await fillSignUp(page, { email, name: 'Ada Lovelace' });

  await expect(page).toHaveURL(`${origin}${AFTER_SIGN_UP_PATH}`);
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Ada Lovelace');
  await expect(page.getByTestId('plan')).toContainText('free');
  await expect(page.getByRole('main')).toContainText(email);
});

test('without a name the dashboard greets the user by email', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);

  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${email}`);
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
});

test('signing up from a signed-out deep link returns to the page asked for', async ({ page, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await page.goto('/dashboard?tab=z');
  await expect(page).toHaveURL(`${origin}/signin?returnUrl=%2Fdashboard%3Ftab%3Dz`);

  await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(`${origin}/signup?returnUrl=%2Fdashboard%3Ftab%3Dz`);
  await fillSignUp(page, { email });

  await expect(page).toHaveURL(`${origin}/dashboard?tab=z`);
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
});

test('signing out ends the session and the dashboard asks to sign in again', async ({ page, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);

  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect(page).toHaveURL(`${origin}/signin`);
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.goto('/dashboard');
  await expect(page).toHaveURL(`${origin}/signin?returnUrl=%2Fdashboard`);
  await expect(page.getByRole('main').getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
});

test('a signed-out deep link goes through sign-in and back to the page asked for', async ({ page, browser, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await createAccount(browser, origin, email);

  await page.goto('/dashboard?tab=x');
  await expect(page).toHaveURL(`${origin}/signin?returnUrl=%2Fdashboard%3Ftab%3Dx`);

  await fillSignIn(page, { email });

  await expect(page).toHaveURL(`${origin}/dashboard?tab=x`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${email}`);
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
});

test('a signed-in user opening /signin or /signup is sent on to the app', async ({ page, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);

  await page.goto('/signin');
  await expect(page).toHaveURL(`${origin}/dashboard`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${email}`);

  await page.goto('/signup');
  await expect(page).toHaveURL(`${origin}/dashboard`);

  await page.goto(`/signin?returnUrl=${encodeURIComponent('/dashboard?tab=y')}`);
  await expect(page).toHaveURL(`${origin}/dashboard?tab=y`);

  await page.goto(`/signin?returnUrl=${encodeURIComponent('//evil.example')}`);
  await expect(page).toHaveURL(`${origin}/dashboard`);
});

test('a wrong password shows an error and stays on the sign-in page', async ({ page, browser, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await createAccount(browser, origin, email);

  await page.goto('/signin');
  await fillSignIn(page, { email, password: 'not the password' });

  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(page).toHaveURL(`${origin}/signin`);
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);

  // The right password still works afterwards.
  await fillSignIn(page, { email, password: PASSWORD });
  await expect(page).toHaveURL(`${origin}/dashboard`);
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
});

test('signing up with an email that already has an account says so', async ({ page, browser, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await createAccount(browser, origin, email);

  await page.goto('/signup');
  await fillSignUp(page, { email, password: 'another password 123' });

  await expect(page.getByRole('main').getByRole('alert')).toContainText('already exists');
  await expect(page).toHaveURL(`${origin}/signup`);
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
});

for (const returnUrl of ['//evil.example', 'https://evil.example/steal', '/\\evil.example', '/.//evil.example', '/a/..//evil.example']) {
  test(`signing in with returnUrl=${returnUrl} stays on this site`, async ({ page, browser, origin }, testInfo) => {
    const email = uniqueEmail(testInfo);
    await createAccount(browser, origin, email);
    const offsiteRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== origin) offsiteRequests.push(request.url());
    });

    await page.goto(`/signin?returnUrl=${encodeURIComponent(returnUrl)}`);
    await fillSignIn(page, { email });

    await expect(page).toHaveURL(`${origin}/dashboard`);
    await expect(page.getByTestId('signed-in-as')).toHaveText(email);
    expect(offsiteRequests).toEqual([]);
  });
}

test('a signed-in user sent to /signin?returnUrl=/.//evil.example stays on this site', async ({ page, origin }, testInfo) => {
  await signUpHere(page, uniqueEmail(testInfo));
  await page.goto(`/signin?returnUrl=${encodeURIComponent('/.//evil.example')}`);
  await expect(page).toHaveURL(`${origin}/dashboard`);
});

test('the sixth wrong password in 15 minutes is refused before it is checked', async ({ page, browser, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await createAccount(browser, origin, email);
  await asDistinctClient(page);
  await page.goto('/signin');
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await fillSignIn(page, { email, password: `wrong password ${attempt}` });
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
    // The answer to this attempt has arrived once the form has cleared the password.
    await expect(page.getByRole('main').getByLabel('Password')).toHaveValue('');
  }
  await fillSignIn(page, { email, password: PASSWORD });
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Too many sign-in attempts');
  await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
});

test('pages carry a nonce-based Content-Security-Policy and still run their scripts', async ({ page }, testInfo) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/signup');
  const csp = response!.headers()['content-security-policy'] ?? '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(response!.headers()['strict-transport-security']).toContain('max-age=');
  expect(response!.headers()['x-content-type-options']).toBe('nosniff');
  expect(response!.headers()['permissions-policy']).toContain('microphone=(self)');
  // A fresh nonce per response.
  const second = await page.request.get('/signup');
  expect(/'nonce-([^']+)'/.exec(second.headers()['content-security-policy'] ?? '')?.[1]).not.toBe(nonce);
  // The page is interactive (React hydrated under the policy): client-side validation answers.
  await signUpHere(page, uniqueEmail(testInfo));
  expect(violations).toEqual([]);
});

test('changing the password asks for the current one, then only the new one signs in', async ({ page, browser, origin }, testInfo) => {
  const email = uniqueEmail(testInfo);
  await signUpHere(page, email);
  await page.goto('/settings');
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Password' }) });
  await form.getByLabel('Current password').fill('not my password');
  await form.getByLabel('New password (8–72 characters)').fill('a fresh password 42');
  await form.getByLabel('New password again').fill('a fresh password 42');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toHaveText('Your current password is not right.');

  // The form clears itself after each attempt, as a password form should.
  await expect(form.getByLabel('Current password')).toHaveValue('');
  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByLabel('New password (8–72 characters)').fill('a fresh password 42');
  await form.getByLabel('New password again').fill('a fresh password 42');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toContainText('Password changed');

  const other = await browser.newContext({ baseURL: origin });
  try {
    const otherPage = await other.newPage();
    await asDistinctClient(otherPage);
    await otherPage.goto('/signin');
    await fillSignIn(otherPage, { email, password: PASSWORD });
    await expect(otherPage.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
    await fillSignIn(otherPage, { email, password: 'a fresh password 42' });
    await expect(otherPage).toHaveURL(`${origin}/dashboard`);
  } finally {
    await other.close();
  }
});

test('a damaged session cookie is treated as signed out, never as an error page', async ({ page, context, origin }) => {
  const b64 = (value: string) => Buffer.from(value).toString('base64url');
  const token = `${b64('null')}.${b64('{"sub":"x","exp":4000000000}')}.AAAA`;
  const session = { access_token: token, refresh_token: 'r', expires_at: 4_000_000_000, expires_in: 3600, token_type: 'bearer', user: { id: 'x' } };
  await context.addCookies([{ name: 'sb-localhost-auth-token', value: `base64-${b64(JSON.stringify(session))}`, url: origin }]);

  const signin = await page.goto('/signin');
  expect(signin!.status()).toBe(200);
  await expect(page.getByRole('main').getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto('/dashboard');
  await expect(page).toHaveURL(`${origin}/signin?returnUrl=%2Fdashboard`);
  const api = await page.request.get('/api/me');
  expect(api.status()).toBe(401);
  expect(api.headers()['content-security-policy']).toContain("default-src 'none'");
  expect((await api.json()).error.code).toBe('unauthorized');
});
