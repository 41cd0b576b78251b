// @ts-check
import { readFileSync } from 'node:fs';

/**
 * Mutation testing of the security-critical modules against the unit tests (npm run test:mutation;
 * not part of npm test or CI, it takes minutes). scripts/mutation-target.ts then judges the score
 * of each file against the 90 % target.
 */

/**
 * limiter.ts is mostly the Upstash client, which only the integration tests reach; only its pure
 * rateLimitHeaders is mutated. The range is found in the source, so edits above it cannot shift it.
 */
function functionRange(file, signature) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith(signature));
  const end = lines.findIndex((line, index) => index > start && line === '}');
  if (start < 0 || end < 0) throw new Error(`${signature} not found in ${file}`);
  return `${file}:${start + 1}-${end + 1}`;
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [
    'lib/auth/return-url.ts',
    'lib/observability/redact.ts',
    'lib/api/parse.ts',
    'lib/api/errors.ts',
    'lib/api/text-rule.ts',
    'lib/api/database-errors.ts',
    'lib/auth/jwt-shape.ts',
    'lib/auth/claims.ts',
    'lib/auth/password-rule.ts',
    'lib/auth/embedded/passwords.ts',
    'lib/auth/redirect-allow-list.ts',
    'lib/rate-limit/in-process.ts',
    // lib/rate-limit/policies.ts is not listed: it is `as const` data, which Stryker leaves alone
    // (it would not type-check mutated), so it has no mutants; the rate-limit tests exercise its budgets.
    functionRange('lib/rate-limit/limiter.ts', 'export function rateLimitHeaders('),
  ],
  coverageAnalysis: 'perTest',
  // Two cores: one vitest worker per core.
  concurrency: 2,
  reporters: ['html', 'clear-text', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  // The per-file target is checked by scripts/mutation-target.ts; Stryker's own threshold would only be overall.
  thresholds: { high: 90, low: 80, break: null },
  // scrypt at N=2^17 takes ~0.4 s per hash on this machine; a slow mutant is not a hung one.
  timeoutMS: 10_000,
  ignorePatterns: ['.data', '.next', 'coverage', 'test-results', 'playwright-report', 'reports'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

export default config;
