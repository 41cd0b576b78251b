import { compareTemplateVersions } from '@/lib/templates/compare-template-versions';
import { effectiveValues } from '@/lib/templates/customization-row';
import { renderTemplate, TemplateSyntaxError, type TemplateValue } from '@/lib/templates/render-template';
import type { TemplateVersion } from '@/lib/templates/template-versions';
import { validateTemplateValues } from '@/lib/templates/validate-template-values';
import type { RebasePlan } from '@/lib/zod/schemas/templates';

/**
 * What rebasing a customisation from its base version onto a newer one does: each value the user
 * set is kept when the new version still has its variable and accepts it; variables new in that
 * version take their defaults; a value whose variable was removed, or that the new variable no
 * longer accepts (retyped, an option gone, tighter bounds), is a conflict. Custom instructions
 * whose tags name a variable the new version lacks are a conflict too. Pure: nothing is read or written.
 */
export function planRebase(from: TemplateVersion, to: TemplateVersion, saved: { variables: Record<string, TemplateValue>; customInstructions: string }): RebasePlan {
  const next = new Map(to.variables.map((variable) => [variable.name, variable]));
  const previous = new Set(from.variables.map((variable) => variable.name));
  const plan: RebasePlan = {
    fromVersion: from.version,
    toVersion: to.version,
    kept: [],
    newDefaults: to.variables.filter((variable) => !previous.has(variable.name)).map((variable) => variable.name),
    conflicts: [],
    upstream: compareTemplateVersions(from, to),
  };
  const kept: Record<string, TemplateValue> = {};
  for (const [name, value] of Object.entries(saved.variables)) {
    const variable = next.get(name);
    if (!variable) {
      plan.conflicts.push({ field: `variables.${name}`, reason: 'removed', message: `${name} was removed in version ${to.version}`, value, variable: null });
      continue;
    }
    const [problem] = validateTemplateValues([variable], { [name]: value }).errors;
    if (problem) {
      plan.conflicts.push({ field: `variables.${name}`, reason: 'invalid', message: `${name} ${problem.message} in version ${to.version}`, value, variable });
      continue;
    }
    plan.kept.push(name);
    kept[name] = value;
  }
  try {
    renderTemplate(saved.customInstructions, effectiveValues(to, kept));
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    plan.conflicts.push({ field: 'customInstructions', reason: 'invalid', message: `${error.message} in version ${to.version}`, value: saved.customInstructions, variable: null });
  }
  return plan;
}
