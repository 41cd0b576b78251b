import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const serviceRoleMessage =
  'The service role bypasses Row Level Security. Act for a user with withUserTransaction (lib/db/user-transaction); only webhooks, cron, the run and usage ledgers, billing, the embedded auth server and scripts may use lib/db/service-role.';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.vercel/**', '.data/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**']),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/lib/db/service-role', '**/db/service-role'], message: serviceRoleMessage },
            { group: ['@/lib/db/client', '**/db/client'], importNames: ['getPool'], message: 'Open queries through withUserTransaction or the service-role module, not the raw pool.' },
          ],
        },
      ],
    },
  },
  {
    // The trusted boundaries allowed to use the service connection or the raw pool.
    // lib/runs/run-ledger.ts: the run lifecycle writes a user's session may not make (asServer);
    // lib/usage/{reserve-metric,extend-reservation,settle-reservation}.ts: the same for every other metric.
    // lib/billing/**: the Stripe webhook and the writes of Stripe's state (customer, subscriptions).
    // lib/events/**: the queue of repository events, drained for their owners by the server.
    files: [
      'lib/db/**',
      'lib/auth/embedded/**',
      'lib/webhooks/**',
      'lib/cron/**',
      'lib/runs/run-ledger.ts',
      'lib/usage/reserve-metric.ts',
      'lib/usage/extend-reservation.ts',
      'lib/usage/settle-reservation.ts',
      'lib/billing/**',
      'lib/events/**',
      'scripts/**',
      'tests/**',
      'bench/**',
      'e2e/**',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['tests/**', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
]);
