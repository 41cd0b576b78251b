import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { signUpHere, uniqueEmail } from './accounts';
import type { Run } from '@/lib/zod/schemas/runs';

/**
 * The browser extension, loaded unpacked into Chromium, against the local app: point it at the
 * test server, sign up, connect through the popup and the connect page, select text on a page,
 * send it, read the streamed answer, approve it, and find the run with its verdict in the API.
 * Extensions need a persistent context of their own (and Chromium's new headless mode, which
 * `headless: true` gives this Chromium).
 */

// The extension APIs, in code evaluated in the extension's own pages.
declare const chrome: any;

const EXTENSION_DIR = path.resolve(import.meta.dirname, '../extension');
const SHOTS = '/tmp/shots-extension';
const SELECTED = 'Our churn doubled after the pricing change last month. Draft a short note to customers explaining the new plans.';

let context: BrowserContext;
let extensionId: string;

test.beforeAll(async ({ baseURL }) => {
  context = await chromium.launchPersistentContext('', {
    baseURL,
    headless: true,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
  mkdirSync(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await context?.close();
});

/** Serious and critical WCAG 2.1 AA findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
}

const extensionPage = (name: string) => `chrome-extension://${extensionId}/${name}`;

/**
 * The popup as it opens over a page: in a window of its own that does not take the focus, so the
 * page stays the active tab of the focused window (`extensionPage` is any page of the extension).
 */
async function openPopupOver(page: Page, extension: Page): Promise<Page> {
  await page.bringToFront();
  const opened = context.waitForEvent('page');
  await extension.evaluate(() => chrome.windows.create({ url: 'popup.html', type: 'popup', focused: false, width: 360, height: 480 }));
  const popup = await opened;
  await popup.waitForLoadState();
  return popup;
}

test('connect the extension, send selected text, read the streamed answer and approve it', async ({ baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const appUrl = new URL(baseURL!).origin;

  // Settings: the app's address.
  const options = await context.newPage();
  await options.goto(extensionPage('options.html'));
  await options.getByLabel('The app’s address').fill(appUrl);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toHaveText(`Saved: ${appUrl}.`);
  await options.close();

  // Connect: the popup opens the connect page, which asks a signed-out person to sign in first
  // and comes back after it; approving there hands the code to the extension.
  const popup = await context.newPage();
  await popup.goto(extensionPage('popup.html'));
  await expect(popup.getByText(`Connect the extension to your account at ${appUrl}.`)).toBeVisible();
  const connectOpened = context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Connect' }).click();
  const connect = await connectOpened;
  await connect.waitForURL(/\/signin\?returnUrl=/);
  const connectPath = new URL(connect.url()).searchParams.get('returnUrl')!;
  expect(connectPath).toMatch(/^\/extension\/connect\?challenge=[A-Za-z0-9_-]{43}&state=[A-Za-z0-9_-]{16,}$/);

  const app = context.pages()[0] ?? (await context.newPage());
  const email = uniqueEmail(testInfo);
  await signUpHere(app, email);
  await connect.reload();
  await connect.waitForURL((url) => `${url.pathname}${url.search}` === connectPath);
  await expect(connect.getByRole('heading', { name: `Allow the Venture Companion extension to act for ${email}?` })).toBeVisible();
  await expect(connect.getByText('runs:write')).toBeVisible();
  await connect.setViewportSize({ width: 1280, height: 800 });
  await connect.screenshot({ path: `${SHOTS}/connect-desktop.png`, fullPage: true });
  await connect.setViewportSize({ width: 390, height: 844 });
  await connect.screenshot({ path: `${SHOTS}/connect-phone.png`, fullPage: true });
  expect(await connect.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await connect.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(connect)).toEqual([]);
  await connect.emulateMedia({ colorScheme: 'light' });
  await connect.getByTestId('connect-approve').click();
  await expect(connect.getByTestId('connect-status')).toHaveText('You can close this tab and use the extension.');
  await connect.screenshot({ path: `${SHOTS}/connect-approved-phone.png`, fullPage: true });
  expect(await seriousViolations(connect)).toEqual([]);
  await expect(popup.getByTestId('connected-as')).toHaveText(email);
  await popup.screenshot({ path: `${SHOTS}/popup-connected.png` });

  // The extension holds an extension token with the three scopes, and the app says so.
  const { auth } = await popup.evaluate(() => chrome.storage.local.get('auth'));
  const validated = await app.request.get('/api/extension/validate', { headers: { authorization: `Bearer ${auth.accessToken}` } });
  expect(validated.status()).toBe(200);
  expect(await validated.json()).toMatchObject({ kind: 'extension', scopes: ['runs:write', 'runs:read', 'profile:read'], user: { email } });
  await connect.close();

  // A page with text (on the app's host, which the extension may read), the text selected.
  const article = await context.newPage();
  await article.route(`${appUrl}/e2e-article`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>Notes</title><h1>Notes</h1><p id="note">${SELECTED}</p><p>Not this line.</p>` }),
  );
  await article.goto(`${appUrl}/e2e-article`);
  await article.locator('#note').click({ clickCount: 3 });
  expect((await article.evaluate(() => String(getSelection()))).trim()).toBe(SELECTED);

  // Send it from the popup; the answer streams in a tab of its own.
  const overArticle = await openPopupOver(article, popup);
  const answerOpened = context.waitForEvent('page');
  await overArticle.getByRole('button', { name: 'Send selection' }).click();
  const answer = await answerOpened;
  await answer.waitForLoadState();
  await expect(answer.locator('#task')).toHaveText(SELECTED);
  await expect(answer.getByTestId('answer')).not.toBeEmpty({ timeout: 30_000 });
  await expect(answer.getByTestId('answer-state')).toHaveText('Done. Does this answer work for you?', { timeout: 60_000 });
  const text = (await answer.getByTestId('answer').textContent())!;
  expect(text.length).toBeGreaterThan(40);
  expect(text.trimStart().startsWith('{')).toBe(false);
  expect(text).not.toContain('"type"');
  await answer.setViewportSize({ width: 390, height: 844 });
  await answer.screenshot({ path: `${SHOTS}/answer-phone.png`, fullPage: true });
  expect(await seriousViolations(answer)).toEqual([]);
  await answer.getByRole('button', { name: 'Approve' }).click();
  await expect(answer.getByTestId('feedback-state')).toHaveText(/^Approved\./);

  // The run, read with the app's own session: the selected text as its task, approved.
  const runUrl = await answer.getByRole('link', { name: 'Open in Venture Companion' }).getAttribute('href');
  const runId = new URL(runUrl!).pathname.split('/').pop();
  const stored = await app.request.get(`/api/runs/${runId}`);
  expect(stored.status()).toBe(200);
  const run = (await stored.json()) as Run;
  expect(run.task).toBe(SELECTED);
  expect(run.status).toBe('succeeded');
  expect(run.feedback).toBe('approved');
  // The page showed the stored answer's fields as text, not its JSON.
  const fields = Object.values(run.output ?? {}).filter((value): value is string => typeof value === 'string' && value.length > 0);
  expect(fields.length).toBeGreaterThan(0);
  for (const field of fields) expect(text).toContain(field.trim().slice(0, 60));
});
