import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests (npm run test:browser). The web server is the production build (`npx next build`
 * first) on a throwaway database, started and stopped by scripts/e2e-server.ts: PostgreSQL when
 * TEST_DATABASE_URL is set, otherwise the embedded PGlite. Chromium comes from the system
 * (CHROMIUM_PATH, default /usr/bin/chromium), not from `playwright install`.
 */

const port = Number(process.env.E2E_PORT ?? '3100');
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Files run two at a time against the one server (each test makes its own accounts, each from
  // its own address); the tests of a file run in order.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  // Two workers share two cores with the server and the database: a page with axe can take a while.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx scripts/e2e-server.ts',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
