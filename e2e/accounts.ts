import { expect, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';

/** Helpers for the browser tests: accounts are created and used through the pages, as a person would. */

export const PASSWORD = 'correct horse battery staple';

/**
 * Where signing up without a returnUrl takes a new user (app/auth-actions.ts signUp: onboarding
 * first), at the wizard's first step, which the URL names.
 */
export const AFTER_SIGN_UP_PATH = '/onboarding?step=role';

/** An email address no other test (or earlier run against the same server) has used. */
export function uniqueEmail(testInfo: TestInfo): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `e2e-${testInfo.workerIndex}-${Date.now()}-${random}@example.com`;
}

/**
 * Sign-ups are limited per IP (10 an hour), and every test runs from this one machine. Each
 * account is made as if from its own network: the server reads the client address from
 * X-Forwarded-For, which a deployment's edge sets and which next start takes as sent.
 */
export async function asDistinctClient(target: Page | BrowserContext): Promise<void> {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  await target.setExtraHTTPHeaders({ 'x-forwarded-for': `198.18.${octet()}.${octet()}` });
}

/** The sign-up or sign-in form in the page body (the header has "Sign in"/"Sign up" links too). */
function authForm(page: Page) {
  return page.getByRole('main');
}

export async function fillSignUp(page: Page, input: { email: string; password?: string; name?: string }): Promise<void> {
  const form = authForm(page);
  await expect(form.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  if (input.name !== undefined) await form.getByLabel('Your name').fill(input.name);
  await form.getByLabel('Email').fill(input.email);
  await form.getByLabel('Password').fill(input.password ?? PASSWORD);
  await form.getByRole('button', { name: 'Sign up', exact: true }).click();
}

/** Signs up on /signup in this page and waits until the header shows the user signed in. */
export async function signUpHere(page: Page, email: string): Promise<void> {
  await asDistinctClient(page);
  await page.goto('/signup');
  await fillSignUp(page, { email });
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
}

export async function fillSignIn(page: Page, input: { email: string; password?: string }): Promise<void> {
  const form = authForm(page);
  await expect(form.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await form.getByLabel('Email').fill(input.email);
  await form.getByLabel('Password').fill(input.password ?? PASSWORD);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Signs up on /signup in a browser context of its own and closes it, so the test's page starts
 * signed out with an existing account to sign in to.
 */
export async function createAccount(browser: Browser, baseURL: string, email: string): Promise<void> {
  const context = await browser.newContext({ baseURL });
  await asDistinctClient(context);
  try {
    const page = await context.newPage();
    await page.goto('/signup');
    await fillSignUp(page, { email });
    await expect(page.getByTestId('signed-in-as')).toHaveText(email);
  } finally {
    await context.close();
  }
}
