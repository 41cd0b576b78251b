import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { checkDraft } from '@/lib/templates/check-draft';
import { compareVersions } from '@/lib/templates/compare-versions';
import { customizationContext } from '@/lib/templates/customization-context';
import { CUSTOMIZATION_NOT_FOUND, toCustomization } from '@/lib/templates/customization-row';
import { planRebase } from '@/lib/templates/plan-rebase';
import { recordTemplateEvent } from '@/lib/templates/record-template-event';
import type { TemplateValue } from '@/lib/templates/render-template';
import { saveCustomization } from '@/lib/templates/save-customization';
import type { FieldError, RebaseBody, RebasePlan, RebaseResult } from '@/lib/zod/schemas/templates';

function resolve(plan: RebasePlan, saved: { variables: Record<string, TemplateValue>; customInstructions: string }, resolutions: NonNullable<RebaseBody['resolutions']>) {
  const conflicts = new Map(plan.conflicts.map((conflict) => [conflict.field, conflict]));
  const unresolved = plan.conflicts.filter((conflict) => !Object.hasOwn(resolutions, conflict.field));
  if (unresolved.length > 0) {
    throw new ApiError('conflict', `Resolve every conflict to rebase: ${unresolved.map((conflict) => conflict.field).join(', ')}.`, { plan });
  }
  const errors: FieldError[] = [];
  const variables: Record<string, unknown> = Object.fromEntries(plan.kept.map((name) => [name, saved.variables[name]]));
  let customInstructions = saved.customInstructions;
  for (const [field, resolution] of Object.entries(resolutions)) {
    const conflict = conflicts.get(field);
    if (!conflict) {
      errors.push({ field, message: 'is not a conflict of this rebase' });
    } else if (field === 'customInstructions') {
      if (resolution.action !== 'value') customInstructions = '';
      else if (typeof resolution.value === 'string') customInstructions = resolution.value;
      else errors.push({ field, message: 'must be text' });
    } else if (resolution.action === 'value') {
      if (conflict.variable === null) errors.push({ field, message: 'was removed: resolve it with drop' });
      else variables[conflict.variable.name] = resolution.value;
    }
    // default and drop leave the variable unset: it takes the new version's default (or is gone).
  }
  if (errors.length > 0) throw new ApiError('validation_failed', `Some resolutions cannot be applied: ${errors.map((error) => `${error.field}: ${error.message}`).join('; ')}`, { fields: errors });
  return { variables, customInstructions };
}

/**
 * Moves the caller's customisation onto a newer template version (the latest unless `toVersion`
 * says). Without `resolutions`: 200 with the plan, nothing written. With resolutions for every
 * conflict: one new version on the new base (kept values, new defaults, resolved conflicts);
 * a conflict left unresolved is a 409 carrying the plan, and nothing is written.
 */
export async function rebaseCustomization(tx: Queryable, { userId, templateId, body }: { userId: string; templateId: string; body: RebaseBody }): Promise<RebaseResult> {
  const ctx = await customizationContext(tx, { userId, templateId });
  const { row } = ctx;
  if (!row) throw new ApiError('not_found', CUSTOMIZATION_NOT_FOUND);
  if (row.version !== body.expectedVersion) {
    throw new ApiError('conflict', `The customisation is at version ${row.version}, not ${body.expectedVersion}: reload it first.`, { currentVersion: row.version });
  }
  const target = body.toVersion === undefined ? ctx.latest : ctx.versions.find((version) => version.version === body.toVersion);
  if (!target) throw new ApiError('not_found', `The template has no version ${body.toVersion}.`);
  if (row.base_version !== null && compareVersions(target.version, ctx.base.version) <= 0) {
    throw new ApiError('conflict', `The customisation is on version ${ctx.base.version} already; a rebase moves it to a newer version.`);
  }
  const saved = { variables: row.variables, customInstructions: row.custom_instructions };
  const plan = planRebase(ctx.base, target, saved);
  if (body.resolutions === undefined) return { applied: false, plan, customization: null };

  const resolved = resolve(plan, saved, body.resolutions);
  const checked = checkDraft(target, resolved, { throwOnError: true });
  const written = await saveCustomization(tx, {
    userId,
    templateId,
    expectedVersion: body.expectedVersion,
    snapshot: { variables: checked.variables, customInstructions: checked.customInstructions, enabled: row.enabled, baseVersion: target.version },
    changeSummary: `Rebased from version ${ctx.base.version} onto ${target.version}`,
  });
  await recordTemplateEvent(tx, { userId, templateId, event: 'customize' });
  return { applied: true, plan, customization: toCustomization(written, target) };
}
