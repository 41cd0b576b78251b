import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkVercelOutput, RUNBOOK_PATHS } from '@/scripts/lib/check-vercel-output';
import { readVercelOutput } from '@/scripts/lib/read-vercel-output';

/**
 * npm run test:vercel — the checks of scripts/lib/check-vercel-output.ts on what `npm run
 * build:vercel` wrote to .vercel/output: what a Vercel deployment of this commit would get.
 */
const outputDir = path.resolve(import.meta.dirname, '../../.vercel/output');
const output = readVercelOutput(outputDir);
const root = path.resolve(import.meta.dirname, '../..');

/** The files a function ships besides its code (next.config.ts outputFileTracingIncludes). */
const shippedFiles = (name: string): string[] =>
  Object.keys((JSON.parse(readFileSync(path.join(outputDir, 'functions', `${name}.func`, '.vc-config.json'), 'utf8')) as { filePathMap?: Record<string, string> }).filePathMap ?? {});

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

  it('ships the files functions read at run time: the migrations for the admin health, the catalog for the templates', () => {
    const migrations = readdirSync(path.join(root, 'supabase/migrations')).filter((file) => file.endsWith('.sql'));
    expect(shippedFiles('api/admin/health')).toEqual(expect.arrayContaining(migrations.map((file) => `supabase/migrations/${file}`)));
    expect(shippedFiles('api/templates')).toContain('templates/catalog/01-initialization/init-env-config.md');
  });
});
