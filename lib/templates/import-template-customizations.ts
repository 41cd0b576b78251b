import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { findTextProblem, textProblemMessage } from '@/lib/api/text-rule';
import type { Queryable } from '@/lib/db/client';
import { cachedCatalog } from '@/lib/templates/cached-catalog';
import { checkDraft } from '@/lib/templates/check-draft';
import { checkPresetFields } from '@/lib/templates/check-preset-fields';
import { CUSTOMIZATION_COLUMNS, type CustomizationRow } from '@/lib/templates/customization-row';
import { parseTemplateImport, type ImportProblem } from '@/lib/templates/parse-template-import';
import type { PresetRow } from '@/lib/templates/preset-row';
import { recordTemplateEvent } from '@/lib/templates/record-template-event';
import { saveCustomization } from '@/lib/templates/save-customization';
import { templateVersions } from '@/lib/templates/template-versions';
import {
  exportedCustomizationSchema,
  exportedPresetSchema,
  type ExportedCustomization,
  type ExportedPreset,
  type ImportBody,
  type ImportReport,
} from '@/lib/zod/schemas/template-sharing';

const zodProblems = (row: number, error: z.ZodError, prefix = ''): ImportProblem[] =>
  error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? { row, field: `${prefix}${issue.keys.join(', ')}`, message: 'is not a field of a row' }
      : { row, field: `${prefix}${issue.path.length > 0 ? issue.path.join('.') : 'row'}`, message: issue.message },
  );

interface PlannedCustomization {
  row: number;
  entry: ExportedCustomization;
  baseVersion: string;
  stored: CustomizationRow | undefined;
}

/**
 * Imports a file of customisations (and presets, in JSON or YAML): every row is checked first
 * (fields, a catalog template, a published base version — the latest when none is given — and
 * every value against that version), and any problem anywhere makes it a 400 whose body is the
 * whole report, with nothing written. Otherwise every row that differs from what is stored is
 * written in this one transaction, each customisation through saveCustomization (a new version
 * with its history). A row identical to the stored customisation (or preset) is skipped. With
 * `dryRun` the report is the same and nothing is written.
 */
export async function importTemplateCustomizations(
  tx: Queryable,
  { userId, body, dryRun }: { userId: string; body: ImportBody; dryRun: boolean },
): Promise<ImportReport> {
  const parsed = parseTemplateImport(body.format, body.content);
  const errors: ImportProblem[] = [...parsed.errors];
  const report: ImportReport = { dryRun, imported: [], skipped: [], presets: { imported: [], skipped: [] }, errors };

  const entries: { row: number; entry: ExportedCustomization }[] = [];
  parsed.customizations.forEach((value, index) => {
    const row = index + 1;
    if (errors.some((error) => error.row === row)) return;
    const problem = findTextProblem(value, 8);
    if (problem) return void errors.push({ row, field: problem.path, message: textProblemMessage(problem) });
    const result = exportedCustomizationSchema.safeParse(value);
    if (!result.success) return void errors.push(...zodProblems(row, result.error));
    entries.push({ row, entry: result.data });
  });

  const ids = [...new Set(entries.map(({ entry }) => entry.templateId))];
  const [versions, storedRows] = await Promise.all([
    templateVersions(tx, ids),
    tx<CustomizationRow[]>`select ${tx(CUSTOMIZATION_COLUMNS)} from public.user_template_customizations where user_id = ${userId}`,
  ]);
  const stored = new Map(storedRows.map((row) => [row.template_id, row]));
  const seen = new Map<string, number>();
  const planned: PlannedCustomization[] = [];
  for (const { row, entry } of entries) {
    const earlier = seen.get(entry.templateId);
    if (earlier !== undefined) {
      errors.push({ row, field: 'templateId', message: `${entry.templateId} is also in row ${earlier}: a file holds one customisation per template` });
      continue;
    }
    seen.set(entry.templateId, row);
    const published = versions.get(entry.templateId) ?? [];
    if (!cachedCatalog().byId.has(entry.templateId) || published.length === 0) {
      errors.push({ row, field: 'templateId', message: `${entry.templateId} is not a template of the catalog` });
      continue;
    }
    const base = entry.baseVersion === null ? published[0]! : published.find((version) => version.version === entry.baseVersion);
    if (!base) {
      errors.push({ row, field: 'baseVersion', message: `${entry.baseVersion} is not a published version of ${entry.templateId}` });
      continue;
    }
    const checked = checkDraft(base, entry, { throwOnError: false });
    if (checked.errors.length > 0) {
      errors.push(...checked.errors.map((error) => ({ row, ...error })));
      continue;
    }
    planned.push({ row, entry, baseVersion: base.version, stored: stored.get(entry.templateId) });
  }

  const presets = await planPresets(tx, { userId, values: parsed.presets, errors });

  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    throw new ApiError('validation_failed', `The file was not imported: ${errors.length === 1 ? 'one problem' : `${errors.length} problems`} (first: row ${errors[0]!.row}, ${errors[0]!.field}: ${errors[0]!.message}).`, {
      ...report,
      fields: errors.map(({ row, field, message }) => ({ field: `rows.${row}.${field}`, message })),
    });
  }

  for (const { row, entry, baseVersion, stored: current } of planned) {
    const identical =
      current !== undefined &&
      current.base_version === baseVersion &&
      current.enabled === entry.enabled &&
      current.custom_instructions === entry.customInstructions &&
      isDeepStrictEqual(current.variables, entry.variables);
    if (identical) {
      report.skipped.push({ row, templateId: entry.templateId, reason: 'identical to the stored customisation' });
      continue;
    }
    if (dryRun) {
      report.imported.push({ row, templateId: entry.templateId, version: null });
      continue;
    }
    const saved = await saveCustomization(tx, {
      userId,
      templateId: entry.templateId,
      expectedVersion: current?.version ?? 0,
      snapshot: { variables: entry.variables, customInstructions: entry.customInstructions, enabled: entry.enabled, baseVersion },
      changeSummary: 'Imported from a file',
    });
    await recordTemplateEvent(tx, { userId, templateId: entry.templateId, event: 'import' });
    report.imported.push({ row, templateId: entry.templateId, version: saved.version });
  }

  for (const { preset, existing } of presets) {
    const same =
      existing !== undefined &&
      existing.description === preset.description &&
      isDeepStrictEqual(existing.template_ids, preset.templateIds) &&
      isDeepStrictEqual(existing.variables, preset.variables);
    if (same) {
      report.presets.skipped.push(preset.name);
      continue;
    }
    report.presets.imported.push(preset.name);
    if (dryRun) continue;
    const values = { description: preset.description, template_ids: preset.templateIds, variables: tx.json(preset.variables) };
    if (existing) await tx`update public.template_presets set ${tx(values)} where id = ${existing.id} and owner_id = ${userId}`;
    else await tx`insert into public.template_presets ${tx({ owner_id: userId, is_system: false, name: preset.name, ...values })}`;
  }
  return report;
}

/** The file's presets checked (row numbers after the customisations' are `presets.<n>`), each with the caller's preset of the same name, if any: that one is replaced. */
async function planPresets(
  tx: Queryable,
  { userId, values, errors }: { userId: string; values: unknown[]; errors: ImportProblem[] },
): Promise<{ preset: ExportedPreset; existing: PresetRow | undefined }[]> {
  if (values.length === 0) return [];
  const own = await tx<PresetRow[]>`
    select id, owner_id, is_system, name, description, template_ids, variables, created_at, updated_at
    from public.template_presets where owner_id = ${userId} and not is_system order by created_at, id`;
  const names = new Set<string>();
  const planned: { preset: ExportedPreset; existing: PresetRow | undefined }[] = [];
  values.forEach((value, index) => {
    const row = index + 1;
    const prefix = `presets.${row}.`;
    const problem = findTextProblem(value, 8);
    if (problem) return void errors.push({ row: 0, field: `${prefix}${problem.path}`, message: textProblemMessage(problem) });
    const result = exportedPresetSchema.safeParse(value);
    if (!result.success) return void errors.push(...zodProblems(0, result.error, prefix));
    const preset = result.data;
    if (names.has(preset.name)) return void errors.push({ row: 0, field: `${prefix}name`, message: 'appears twice in the file' });
    names.add(preset.name);
    const fields = checkPresetFields(preset, { throwOnError: false });
    if (fields.length > 0) return void errors.push(...fields.map((error) => ({ row: 0, field: `${prefix}${error.field}`, message: error.message })));
    planned.push({ preset, existing: own.find((row) => row.name === preset.name) });
  });
  return planned;
}
