import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { seed, TEMPLATE_SEED_FILE } from '@/lib/db/migrations';
import { catalogSeedSql } from '@/lib/templates/catalog-seed-sql';
import { loadCatalog } from '@/lib/templates/load-catalog';
import { ownerSql } from '@/tests/support/database';

const sql = ownerSql();
const catalog = loadCatalog();

interface VersionRow {
  template_id: string;
  version: string;
  mega_prompt: string;
  variables: unknown;
}

// The catalog's own (template, version) pairs: other test files publish newer versions of seeded
// templates while this one runs (templates.test.ts rebases onto one), and those are not the seed's.
const catalogRows = async () =>
  sql<VersionRow[]>`select template_id, version, mega_prompt, variables from public.template_versions
    where template_id || '@' || version in ${sql(catalog.map((template) => `${template.id}@${template.version}`))} order by template_id, version`;

describe('the template catalog in the database', () => {
  it('seed-templates.sql is what the catalog files say (regenerate it with npm run templates:seed)', async () => {
    expect(await readFile(TEMPLATE_SEED_FILE, 'utf8')).toBe(catalogSeedSql(catalog));
  });

  it('the seed loads every template version exactly as its file has it, and a second seed changes nothing', async () => {
    const expected = catalog
      .map((template) => ({ template_id: template.id, version: template.version, mega_prompt: template.megaPrompt, variables: template.variables }))
      .sort((a, b) => a.template_id.localeCompare(b.template_id, 'en', { sensitivity: 'variant' }));
    const before = await catalogRows();
    expect([...before].sort((a, b) => a.template_id.localeCompare(b.template_id, 'en', { sensitivity: 'variant' }))).toEqual(expected);
    await seed(sql);
    expect(await catalogRows()).toEqual(before);
  });

  it('keeps an existing version as it is: a changed file reaches the table only as a new version', async () => {
    const [first] = catalog;
    await sql`update public.template_versions set mega_prompt = 'edited by hand' where template_id = ${first!.id} and version = ${first!.version}`;
    try {
      await seed(sql);
      const [row] = await sql<{ mega_prompt: string }[]>`select mega_prompt from public.template_versions where template_id = ${first!.id} and version = ${first!.version}`;
      expect(row!.mega_prompt).toBe('edited by hand');
    } finally {
      await sql`update public.template_versions set mega_prompt = ${first!.megaPrompt} where template_id = ${first!.id} and version = ${first!.version}`;
    }
  });
});
