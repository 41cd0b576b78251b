/** A variable's value as a person reads it: a list by its items, nothing as `missing`. */
export function showTemplateValue(value: unknown, missing = '(none)'): string {
  if (value === null || value === undefined) return missing;
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : '(empty list)';
  return String(value);
}
