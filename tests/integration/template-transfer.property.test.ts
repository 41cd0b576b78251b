import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as exportCustomizations } from '@/app/api/templates/export/route';
import { POST as importCustomizations } from '@/app/api/templates/import/route';
import { resetRateLimitsForTests } from '@/lib/rate-limit/limiter';
import type { TemplateVariable } from '@/lib/templates/catalog-schema';
import { loadCatalog } from '@/lib/templates/load-catalog';
import type { TemplateValue } from '@/lib/templates/render-template';
import { validateTemplateValues } from '@/lib/templates/validate-template-values';
import { TRANSFER_FORMATS, type ExportedCustomization } from '@/lib/zod/schemas/template-sharing';
import { ownerSql } from '@/tests/support/database';
import { callRoute } from '@/tests/support/routes';
import { bearer, createUser, type TestUser } from '@/tests/support/users';

/**
 * Export then import is lossless: for generated customisations of real catalog templates (values
 * of each variable's type within its rules; instructions with commas, quotes, line breaks and
 * non-ASCII text), exporting, importing into a fresh account and exporting again gives the same
 * customisations, in each of JSON, YAML and CSV.
 */

const sql = ownerSql();
const catalog = loadCatalog();
const SEED = Number(process.env.TRANSFER_SEED ?? 20_261_201);
const RUNS = Number(process.env.TRANSFER_RUNS ?? 8);

// Text that stresses every format: separators, quotes, line breaks (CRLF too), YAML indicators,
// non-ASCII and astral characters. No braces: instructions may only use `{{…}}` for variables.
const TRICKY = [',', '"', "'", '\n', '\r', '\r\n', '\t', ' ', ':', '#', '-', '|', '>', '&', '*', '!', '%', '@', '`', 'é', 'ß', '中文', '✓', '🚀', 'a', 'Z', '0', 'yes', 'null', '~'];
const text = (maxPieces: number) => fc.array(fc.constantFrom(...TRICKY), { maxLength: maxPieces }).map((pieces) => pieces.join(''));
const item = text(12).map((value) => `x${value}`.slice(0, 100)).filter((value) => value.trim() !== '');

function valueOf(variable: TemplateVariable): fc.Arbitrary<TemplateValue> {
  switch (variable.type) {
    case 'string':
      // A pattern's language is the template's own; its default (or empty) always fits it.
      if (variable.pattern) return fc.constant(variable.default);
      return text(10).map((value) => (variable.required ? `v${value}` : value).slice(0, variable.maxLength));
    case 'enum':
      return fc.constantFrom(...variable.options);
    case 'boolean':
      return fc.boolean();
    case 'number': {
      const min = variable.min ?? -1_000_000;
      const max = variable.max ?? 1_000_000;
      if (variable.integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      return fc.integer({ min: Math.ceil(min * 100), max: Math.floor(max * 100) }).map((cents) => cents / 100 + 0);
    }
    case 'list':
      return fc.array(item, { minLength: variable.required ? 1 : 0, maxLength: Math.min(variable.maxItems, 4) });
  }
}

const customizationOf = (templateId: string): fc.Arbitrary<ExportedCustomization> => {
  const template = catalog.find((candidate) => candidate.id === templateId)!;
  const values = Object.fromEntries(template.variables.map((variable) => [variable.name, fc.option(valueOf(variable), { nil: undefined })]));
  return fc.record({ variables: fc.record(values), customInstructions: text(40), enabled: fc.boolean() }).map(({ variables, customInstructions, enabled }) => ({
    templateId,
    baseVersion: template.version,
    variables: Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, TemplateValue] => entry[1] !== undefined)),
    customInstructions,
    enabled,
  }));
};

const customizationsArb = fc
  .uniqueArray(fc.constantFrom(...catalog.map((template) => template.id)), { minLength: 1, maxLength: 6 })
  .chain((ids) => fc.tuple(...ids.map(customizationOf)));

let source: TestUser;

const exportAs = async (user: TestUser, format: string) => {
  const res = await callRoute(exportCustomizations, `/api/templates/export?format=${format}`, { headers: bearer(user) });
  expect(res.status, res.text).toBe(200);
  return res.text;
};
const jsonCustomizations = async (user: TestUser) => JSON.parse(await exportAs(user, 'json')).customizations as ExportedCustomization[];
const unlimited = async (user: TestUser) => {
  await sql`update public.user_profiles set subscription_tier = 'enterprise' where user_id = ${user.id}`;
  return user;
};

beforeAll(async () => {
  source = await unlimited(await createUser('transfer-source'));
}, 30_000);

beforeEach(() => {
  resetRateLimitsForTests();
});

describe('export → import → export', () => {
  it('generates only valid customisations', () => {
    fc.assert(
      fc.property(customizationsArb, (rows) => {
        for (const row of rows) {
          const template = catalog.find((candidate) => candidate.id === row.templateId)!;
          expect(validateTemplateValues(template.variables, row.variables).errors).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it.each(TRANSFER_FORMATS)('is lossless in %s', async (format) => {
    await fc.assert(
      fc.asyncProperty(customizationsArb, async (rows) => {
        resetRateLimitsForTests();
        await sql`delete from public.user_template_customizations where user_id = ${source.id}`;
        for (const row of rows) {
          await sql`insert into public.user_template_customizations ${sql({
            user_id: source.id,
            template_id: row.templateId,
            base_version: row.baseVersion,
            variables: sql.json(row.variables),
            custom_instructions: row.customInstructions,
            enabled: row.enabled,
          })}`;
        }
        const expected = [...rows].sort((a, b) => (a.templateId < b.templateId ? -1 : 1));
        const original = await jsonCustomizations(source);
        expect(original.map((row) => ({ ...row, variables: { ...row.variables } }))).toEqual(expected);

        const file = await exportAs(source, format);
        const target = await unlimited(await createUser('transfer-target'));
        const imported = await callRoute(importCustomizations, '/api/templates/import', { method: 'POST', headers: bearer(target), body: { format, content: file } });
        expect(imported.status, imported.text).toBe(200);
        expect(imported.json.imported).toHaveLength(rows.length);

        expect(await jsonCustomizations(target)).toEqual(original);
        // And the file itself comes out the same, byte for byte but the export time.
        const strip = (body: string) => body.replace(/^.*exportedAt.*$/m, '');
        expect(strip(await exportAs(target, format))).toBe(strip(file));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);
});
