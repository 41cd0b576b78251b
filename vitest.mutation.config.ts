import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The unit tests alone, for the mutation run (npm run test:mutation). They need no database, so
 * this has no globalSetup creating one: Stryker runs them once per mutant, and the integration
 * tests would need a database per sandbox.
 */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/unit-environment.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
