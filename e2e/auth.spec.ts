import { expect, test as base } from '@playwright/test';
import { AFTER_SIGN_UP_PATH, createAccount, fillSignIn, fillSignUp, PASSWORD, signUpHere, uniqueEmail } from './accounts';

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

for (const returnUrl of ['//evil.example', 'https://evil.example/steal', '/\\evil.example']) {
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
