import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPlans } from '@/lib/billing/get-plans';
import { LIMITS_END, LIMITS_START, limitsBlock } from '@/lib/usage/limits-block';
import { ownerSql } from '@/tests/support/database';

const sql = ownerSql();

describe('the README’s limits table', () => {
  it('is what public.plan_limits holds (regenerate it with npm run docs:limits)', async () => {
    const readme = await readFile(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const start = readme.indexOf(LIMITS_START);
    const end = readme.indexOf(LIMITS_END);
    expect(start, 'README.md has a limits block').toBeGreaterThan(-1);
    expect(readme.slice(start, end + LIMITS_END.length)).toBe(limitsBlock(await getPlans(sql)));
  });

  it('names every tier and metric, with unlimited and not-included limits in words', async () => {
    const block = limitsBlock(await getPlans(sql));
    expect(block).toContain('| Limit | Per | Free | Pro | Enterprise |');
    expect(block).toContain('| Runs | calendar month (UTC) | 100 | 1,000 | unlimited |');
    expect(block).toContain('| Voice input | calendar month (UTC) | not included | 120 min | 1,200 min |');
    expect(block).toContain('| Tokens per day (premium daily cap) | UTC day | unlimited | 200,000 | 2,000,000 |');
  });
});
