import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVercelOutput, RUNBOOK_PATHS } from '@/scripts/lib/check-vercel-output';
import { readVercelOutput } from '@/scripts/lib/read-vercel-output';

/**
 * npm run test:vercel — the checks of scripts/lib/check-vercel-output.ts on what `npm run
 * build:vercel` wrote to .vercel/output: what a Vercel deployment of this commit would get.
 */
const output = readVercelOutput(path.resolve(import.meta.dirname, '../../.vercel/output'));

describe('the Vercel build output', () => {
  it('has the crons, runtimes, time limits and routes Vercel must see', () => {
    expect(checkVercelOutput(output)).toEqual([]);
  });

  it('ships exactly the daily maintenance cron', () => {
    expect(output.config.crons).toEqual([{ path: '/api/cron/sweep-runs', schedule: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
  });

  it('has a function for every route handler and page, each limited', () => {
    for (const name of ['api/health', 'api/billing/webhook', 'api/webhooks/code-repo', 'api/cron/sweep-runs', 'api/runs', 'dashboard', 'index']) {
      expect(output.functions[name], name).toMatchObject({ runtime: 'nodejs24.x', maxDuration: expect.any(Number) });
    }
    expect(RUNBOOK_PATHS).toHaveLength(3);
  });
});
