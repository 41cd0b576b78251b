import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['tests/**/*.test.ts'],
    // tests/vercel checks a build's output: npm run test:vercel, after npm run build:vercel.
    exclude: [...configDefaults.exclude, 'tests/vercel/**'],
    environment: 'node',
    globalSetup: ['tests/global-setup.ts'],
    pool: 'forks',
    // The embedded database serves one session; a PostgreSQL server can take files in parallel.
    fileParallelism: Boolean(process.env.TEST_DATABASE_URL),
    // Most of a test's time is spent waiting on the database, so two files at a time help even on two cores.
    maxWorkers: process.env.TEST_DATABASE_URL ? 2 : 1,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
