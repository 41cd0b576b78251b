import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getPlans } from '@/lib/billing/get-plans';
import { createSql } from '@/lib/db/client';
import { LIMITS_END, LIMITS_START, limitsBlock } from '@/lib/usage/limits-block';
import { createThrowawayDatabase } from './lib/throwaway-database';

// npm run docs:limits: rewrites the limits table in README.md (between the limits markers) from
// public.plan_limits of a database freshly migrated from supabase/migrations (embedded, in memory),
// so the README shows exactly the limits the code enforces, whatever a local database holds.
const README = path.resolve(import.meta.dirname, '..', 'README.md');

const database = await createThrowawayDatabase();
const sql = createSql(database.url, 1);
try {
  const block = limitsBlock(await getPlans(sql));
  const readme = await readFile(README, 'utf8');
  const start = readme.indexOf(LIMITS_START);
  const end = readme.indexOf(LIMITS_END);
  if (start === -1 || end < start) {
    console.error(`README.md has no ${LIMITS_START} … ${LIMITS_END} block to rewrite.`);
    process.exitCode = 1;
  } else {
    const updated = readme.slice(0, start) + block + readme.slice(end + LIMITS_END.length);
    if (updated === readme) {
      console.log('README.md limits are up to date.');
    } else {
      await writeFile(README, updated);
      console.log('README.md limits rewritten from public.plan_limits.');
    }
  }
} finally {
  await sql.end({ timeout: 5 });
  await database.drop();
}
