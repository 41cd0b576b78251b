import { isDeepStrictEqual } from 'node:util';
import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { checkDraft } from '@/lib/templates/check-draft';
import { customizationContext } from '@/lib/templates/customization-context';
import { PRESET_COLUMNS, PRESET_NOT_FOUND, type PresetRow } from '@/lib/templates/preset-row';
import { recordTemplateEvent } from '@/lib/templates/record-template-event';
import type { TemplateValue } from '@/lib/templates/render-template';
import { saveCustomization } from '@/lib/templates/save-customization';
import { validateTemplateValues } from '@/lib/templates/validate-template-values';
import type { ApplyReport } from '@/lib/zod/schemas/template-sharing';
import type { FieldError } from '@/lib/zod/schemas/templates';

const summary = (errors: FieldError[]) => errors.slice(0, 3).map((error) => `${error.field}: ${error.message}`).join('; ');

/**
 * A preset's values for one template: `name` applies to every template with that variable, and
 * `<templateId>.<name>` to that template only, over the general one (templates name the same idea
 * with different options, e.g. a framework).
 */
function presetValuesFor(variables: Record<string, TemplateValue>, templateId: string): Record<string, TemplateValue> {
  const values: Record<string, TemplateValue> = {};
  for (const [key, value] of Object.entries(variables)) if (!key.includes('.')) values[key] = value;
  for (const [key, value] of Object.entries(variables)) {
    const dot = key.indexOf('.');
    if (dot > 0 && key.slice(0, dot) === templateId) values[key.slice(dot + 1)] = value;
  }
  return values;
}

/**
 * Applies a preset (a system one or the caller's) to each template: the listed ones, or the
 * preset's own. Per template, a value applies where the version the customisation is on has a
 * variable of that name that accepts it; the values are merged over the customisation's and
 * written as one new version through saveCustomization. Each template is its own unit: a template
 * that fails (unknown, nothing acceptable, a saved value no longer valid, a concurrent save) is
 * rolled back to a savepoint and reported, the others are kept. A template whose values would not
 * change, or that has none of the preset's variables, is skipped.
 */
export async function applyTemplatePreset(
  tx: Queryable,
  { userId, presetId, templateIds }: { userId: string; presetId: string; templateIds?: string[] },
): Promise<ApplyReport> {
  const [preset] = await tx<PresetRow[]>`select ${tx(PRESET_COLUMNS)} from public.template_presets where id = ${presetId}`;
  if (!preset) throw new ApiError('not_found', PRESET_NOT_FOUND);
  const targets = [...new Set(templateIds ?? preset.template_ids)];
  if (targets.length === 0) throw new ApiError('bad_request', 'This preset lists no templates: name the templates to apply it to.');

  const report: ApplyReport = { applied: [], failed: [], skipped: [] };
  for (const templateId of targets) {
    let ctx;
    try {
      ctx = await customizationContext(tx, { userId, templateId });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      report.failed.push({ templateId, reason: error.message });
      continue;
    }
    const { base, row } = ctx;
    const byName = new Map(base.variables.map((variable) => [variable.name, variable]));
    const accepted: Record<string, TemplateValue> = {};
    const rejected: FieldError[] = [];
    for (const [name, value] of Object.entries(presetValuesFor(preset.variables, templateId))) {
      const variable = byName.get(name);
      if (!variable) continue;
      const problems = validateTemplateValues([variable], { [name]: value }).errors.filter((error) => error.field === `variables.${name}`);
      if (problems.length > 0) rejected.push(...problems);
      else accepted[name] = value;
    }
    const names = Object.keys(accepted);
    if (names.length === 0) {
      if (rejected.length === 0) report.skipped.push({ templateId, reason: "The template has none of the preset's variables." });
      else report.failed.push({ templateId, reason: `None of the preset's values fit this template: ${summary(rejected)}` });
      continue;
    }
    const merged = { ...(row?.variables ?? {}), ...accepted };
    if (row && isDeepStrictEqual(merged, row.variables)) {
      report.skipped.push({ templateId, reason: 'The customisation already has these values.' });
      continue;
    }
    const checked = checkDraft(base, { variables: merged, customInstructions: row?.custom_instructions ?? '' }, { throwOnError: false });
    if (checked.errors.length > 0) {
      report.failed.push({ templateId, reason: `The customisation would not be valid: ${summary(checked.errors)}` });
      continue;
    }
    await tx`savepoint apply_template_preset`;
    try {
      const saved = await saveCustomization(tx, {
        userId,
        templateId,
        expectedVersion: row?.version ?? 0,
        snapshot: { variables: checked.variables, customInstructions: checked.customInstructions, enabled: row?.enabled ?? true, baseVersion: base.version },
        changeSummary: `Applied the preset "${preset.name}"`,
      });
      await recordTemplateEvent(tx, { userId, templateId, event: 'customize', metadata: { presetId } });
      await tx`release savepoint apply_template_preset`;
      report.applied.push({ templateId, version: saved.version, variables: names, rejected });
    } catch (error) {
      await tx`rollback to savepoint apply_template_preset`;
      if (!(error instanceof ApiError)) throw error;
      report.failed.push({ templateId, reason: error.message });
    }
  }
  return report;
}
