import { ApiError } from '@/lib/api/errors';
import { renderTemplate, TemplateSyntaxError } from '@/lib/templates/render-template';
import type { TemplateVersion } from '@/lib/templates/template-versions';
import { validateTemplateValues, type ValidatedValues } from '@/lib/templates/validate-template-values';

export interface CheckedDraft extends ValidatedValues {
  customInstructions: string;
}

/**
 * A customisation's values and instructions checked against a template version: every value per
 * its variable (validateTemplateValues), and the instructions' `{{…}}` tags, which may only name
 * the version's variables (they are rendered with the same values). With `throwOnError`, any
 * problem is a 400 `validation_failed` whose `fields` list each one, for the form.
 */
export function checkDraft(
  version: TemplateVersion,
  draft: { variables: Record<string, unknown>; customInstructions: string },
  options: { throwOnError: boolean },
): CheckedDraft {
  const checked = validateTemplateValues(version.variables, draft.variables);
  const errors = [...checked.errors];
  try {
    renderTemplate(draft.customInstructions, checked.values);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    errors.push({ field: 'customInstructions', message: error.message });
  }
  if (options.throwOnError && errors.length > 0) {
    const summary = errors.slice(0, 3).map((error) => `${error.field}: ${error.message}`).join('; ');
    throw new ApiError('validation_failed', `${errors.length === 1 ? 'One value is' : `${errors.length} values are`} not valid: ${summary}`, { fields: errors });
  }
  return { ...checked, errors, customInstructions: draft.customInstructions };
}
