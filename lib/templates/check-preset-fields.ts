import { ApiError } from '@/lib/api/errors';
import { cachedCatalog } from '@/lib/templates/cached-catalog';
import type { FieldError } from '@/lib/zod/schemas/templates';

/**
 * A preset's templates must be catalog templates, and each of its variables must be a variable of
 * one of them (of any catalog template when it lists none), or it could never apply anywhere;
 * `<templateId>.<variable>` is a value for that template only.
 * Answers the problems; with `throwOnError` they are a 400 `validation_failed` with `fields`.
 */
export function checkPresetFields(
  { templateIds, variables }: { templateIds: readonly string[]; variables: Record<string, unknown> },
  { throwOnError }: { throwOnError: boolean },
): FieldError[] {
  const { byId, list } = cachedCatalog();
  const errors: FieldError[] = [];
  templateIds.forEach((id, index) => {
    if (!byId.has(id)) errors.push({ field: `templateIds.${index}`, message: `${id} is not a catalog template` });
  });
  const scope = templateIds.length > 0 ? templateIds.flatMap((id) => byId.get(id) ?? []) : list;
  const names = new Set(scope.flatMap((template) => template.variables.map((variable) => variable.name)));
  for (const name of Object.keys(variables)) {
    const dot = name.indexOf('.');
    if (dot >= 0) {
      // `<templateId>.<name>`: a value for that one template, which must be listed (or, with none listed, exist) and have the variable.
      const template = byId.get(name.slice(0, dot));
      const inScope = template && (templateIds.length === 0 || templateIds.includes(template.id));
      if (!inScope || !template.variables.some((variable) => variable.name === name.slice(dot + 1))) {
        errors.push({ field: `variables.${name}`, message: 'names no variable of a listed template (write <templateId>.<variable>)' });
      }
    } else if (!names.has(name)) {
      errors.push({ field: `variables.${name}`, message: templateIds.length > 0 ? 'is not a variable of any of the listed templates' : 'is not a variable of any template' });
    }
  }
  if (throwOnError && errors.length > 0) {
    const summary = errors.slice(0, 3).map((error) => `${error.field}: ${error.message}`).join('; ');
    throw new ApiError('validation_failed', `The preset is not valid: ${summary}`, { fields: errors });
  }
  return errors;
}
