import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lighthouse, { type Flags } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium, type Cookie } from '@playwright/test';
import { createSql } from '@/lib/db/client';
import { createThrowawayDatabase } from '@/scripts/lib/throwaway-database';
import { startApp, type RunningApp } from './support';

/**
 * npm run bench:pages — Lighthouse (performance and accessibility) on every page (PAGES) of a
 * production build on a throwaway database on the local
 * PostgreSQL, in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). A user is signed up
 * through the page and asks one thing first, so the signed-in pages have something to show; its
 * session cookies are then put into the audited browser (Lighthouse keeps them: no storage reset
 * for those pages). Each page is audited with Lighthouse's desktop
 * settings and its mobile defaults (a throttled phone), and the score is the median of RUNS
 * audits (scores move by a few points between runs on a busy machine).
 *
 * BENCH_PAGES_RUNS (default 3), BENCH_SKIP_BUILD=1, BENCH_PORT (3220).
 */

const RUNS = Number(process.env.BENCH_PAGES_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3220);
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const DEBUG_PORT = 9333;
const TARGET = 90;
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// localhost, not 127.0.0.1: the session cookie is set for the host the app is served on.
const base = `http://localhost:${PORT}`;
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The bench user's organization (made in signedInCookies), so its page has members to show. */
const ORG_SLUG = `bench-${Date.now()}`;

// Every page there is. The user is made an administrator before the pages are audited (so
// /admin is served; the other pages then carry the administrator's two extra header links).
const PAGES: { name: string; path: string; signedIn: boolean }[] = [
  { name: 'landing', path: '/', signedIn: false },
  { name: 'sign-in', path: '/signin', signedIn: false },
  { name: 'pricing', path: '/pricing', signedIn: false },
  { name: 'chat', path: '/chat', signedIn: true },
  { name: 'dashboard', path: '/dashboard', signedIn: true },
  { name: 'vibe', path: '/vibe', signedIn: true },
  { name: 'templates', path: '/templates', signedIn: true },
  { name: 'template', path: '/templates/api-rate-limiting', signedIn: true },
  { name: 'billing', path: '/billing', signedIn: true },
  { name: 'integrations', path: '/integrations', signedIn: true },
  { name: 'settings', path: '/settings', signedIn: true },
  { name: 'api-tokens', path: '/settings/tokens', signedIn: true },
  { name: 'orgs', path: '/organizations', signedIn: true },
  { name: 'org', path: `/organizations/${ORG_SLUG}`, signedIn: true },
  { name: 'admin', path: '/admin', signedIn: true },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Signs up in a real browser, asks one question, and answers the session cookies. */
async function signedInCookies(): Promise<Cookie[]> {
  const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS.filter((flag) => flag !== '--headless=new') });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/signup`);
    await page.getByLabel('Email').fill(`bench-pages-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('benchmark password of some length');
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await page.waitForURL(/\/onboarding/);
    await page.goto(`${base}/chat`);
    await page.getByLabel('Task').fill('Draft a launch post for our pricing page');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('run-status').filter({ hasText: 'succeeded' }).waitFor();
    const org = await page.request.post(`${base}/api/organizations`, { data: { name: 'Bench Labs', slug: ORG_SLUG } });
    if (!org.ok()) throw new Error(`could not create the organization: ${org.status()} ${await org.text()}`);
    return await page.context().cookies(base);
  } finally {
    await browser.close();
  }
}

/** Chromium with a DevTools port for Lighthouse, in a profile of its own. */
async function startChrome(): Promise<{ stop: () => void }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'bench-pages-'));
  const child = spawn(CHROME, [...CHROME_FLAGS, `--remote-debugging-port=${DEBUG_PORT}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${DEBUG_PORT}/json/version`)).ok) {
        return {
          stop: () => {
            child.kill('SIGTERM');
            rmSync(profile, { recursive: true, force: true });
          },
        };
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`Chromium at ${CHROME} did not open its DevTools port`);
}

interface Scores {
  performance: number;
  accessibility: number;
}

/** Lighthouse asks for another try when its trace missed the navigation (NO_NAVSTART); up to three. */
async function audit(url: string, signedIn: boolean, form: 'desktop' | 'mobile'): Promise<Scores> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await auditOnce(url, signedIn, form);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof Error) || !error.message.includes('NO_NAVSTART')) throw error;
      console.log(`  (${url} ${form}: Lighthouse missed the navigation; again)`);
    }
  }
}

async function auditOnce(url: string, signedIn: boolean, form: 'desktop' | 'mobile'): Promise<Scores> {
  const flags: Flags = {
    port: DEBUG_PORT,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    // A storage reset would clear the session cookie too.
    disableStorageReset: signedIn,
  };
  const result = await lighthouse(url, flags, form === 'desktop' ? desktopConfig : undefined);
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.message}`);
  // A signed-in page that redirected to sign-in would be measuring the wrong page.
  if (signedIn && new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) {
    throw new Error(`${url} ended at ${lhr.finalDisplayedUrl}: the session cookie was not accepted`);
  }
  // A 404 keeps the path (a non-administrator's /admin, an unknown organization): it must be the page itself.
  const requests = (lhr.audits['network-requests']?.details as { items?: { resourceType?: string; statusCode?: number }[] } | undefined)?.items ?? [];
  const documentStatus = requests.find((request) => request.resourceType === 'Document')?.statusCode;
  if (documentStatus !== 200) throw new Error(`${url} answered ${documentStatus ?? 'nothing'}, not 200: it is not the page being measured`);
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
  };
}

let app: RunningApp | undefined;
let chrome: { stop: () => void } | undefined;
const database = await createThrowawayDatabase({ serverUrl, seed: true });
try {
  app = await startApp(PORT, {
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '5',
    // localhost, as `base` says, instead of the default 127.0.0.1.
    SITE_URL: base,
  });
  const cookies = await signedInCookies();
  // As npm run admin:grant does it (admin lives in app metadata, which only the server writes).
  const owner = createSql(database.url, 1);
  await owner`update auth.users set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || '{"role":"admin"}'::jsonb where email like 'bench-pages-%'`;
  await owner.end({ timeout: 5 });
  chrome = await startChrome();
  // The audited browser, signed in: its default profile gets the session cookies.
  const controller = await chromium.connectOverCDP(`http://127.0.0.1:${DEBUG_PORT}`);

  console.log(`\nLighthouse ${RUNS}× per page and form factor (median), ${CHROME}; production build on PostgreSQL at ${new URL(serverUrl).host}\n`);
  const header = `${'page'.padEnd(12)} ${'desktop perf'.padStart(13)} ${'desktop a11y'.padStart(13)} ${'mobile perf'.padStart(12)} ${'mobile a11y'.padStart(12)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  const failing: string[] = [];
  // Signed-out pages first, before the browser holds a session.
  for (const page of [...PAGES].sort((a, b) => Number(a.signedIn) - Number(b.signedIn))) {
    if (page.signedIn && (await controller.contexts()[0]!.cookies(base)).length === 0) await controller.contexts()[0]!.addCookies(cookies);
    const row: Record<string, number> = {};
    for (const form of ['desktop', 'mobile'] as const) {
      const runs: Scores[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await audit(`${base}${page.path}`, page.signedIn, form));
      row[`${form} perf`] = median(runs.map((r) => r.performance));
      row[`${form} a11y`] = median(runs.map((r) => r.accessibility));
    }
    for (const [what, score] of Object.entries(row)) if (score < TARGET) failing.push(`${page.name} ${what} ${score}`);
    console.log(
      `${page.name.padEnd(12)} ${String(row['desktop perf']).padStart(13)} ${String(row['desktop a11y']).padStart(13)} ${String(row['mobile perf']).padStart(12)} ${String(row['mobile a11y']).padStart(12)}`,
    );
  }
  console.log(failing.length > 0 ? `\nbelow ${TARGET}: ${failing.join(', ')}` : '');
  console.log(`target: every performance and accessibility score >= ${TARGET} on desktop and mobile (${failing.length === 0 ? 'met' : 'NOT met'})`);
} finally {
  chrome?.stop();
  await app?.stop();
  await database.drop();
}
