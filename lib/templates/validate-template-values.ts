import type { TemplateVariable } from '@/lib/templates/catalog-schema';
import type { TemplateValue } from '@/lib/templates/render-template';
import type { FieldError } from '@/lib/zod/schemas/templates';

export interface ValidatedValues {
  /** The values that were set (a null is taken as "not set": the default applies). */
  variables: Record<string, TemplateValue>;
  /** Every variable with the value a render uses: the set value, otherwise its default. */
  values: Record<string, TemplateValue>;
  errors: FieldError[];
}

const MAX_LIST_ITEM_CHARS = 100;

function problemOf(variable: TemplateVariable, value: unknown): string | null {
  switch (variable.type) {
    case 'string': {
      if (typeof value !== 'string') return 'must be text';
      if (value.length > variable.maxLength) return `must be at most ${variable.maxLength} characters`;
      if (variable.pattern && value !== '' && !new RegExp(variable.pattern, 'u').test(value)) return `must match ${variable.pattern}`;
      return null;
    }
    case 'enum':
      if (typeof value !== 'string') return 'must be one of the options';
      return variable.options.includes(value) ? null : `must be one of: ${variable.options.join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (variable.integer && !Number.isInteger(value)) return 'must be a whole number';
      if (variable.min !== undefined && value < variable.min) return `must be at least ${variable.min}`;
      if (variable.max !== undefined && value > variable.max) return `must be at most ${variable.max}`;
      return null;
    }
    case 'list': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return 'must be a list of text items';
      if (value.length > variable.maxItems) return `must have at most ${variable.maxItems} items`;
      const bad = value.findIndex((item: string) => item.trim() === '' || item.length > MAX_LIST_ITEM_CHARS);
      if (bad >= 0) return `item ${bad + 1} must be 1 to ${MAX_LIST_ITEM_CHARS} characters`;
      return null;
    }
  }
}

const isEmpty = (value: TemplateValue) => (Array.isArray(value) ? value.length === 0 : typeof value === 'string' && value.trim() === '');

/**
 * Checks values against a template version's variables: unknown names, wrong types, options,
 * lengths, patterns, ranges, whole numbers, list sizes and required values (after defaults). Each
 * problem names its field (`variables.<name>`) so a form can show it next to the input.
 */
export function validateTemplateValues(variables: readonly TemplateVariable[], input: Record<string, unknown>): ValidatedValues {
  const byName = new Map(variables.map((variable) => [variable.name, variable]));
  const errors: FieldError[] = [];
  const set: Record<string, TemplateValue> = {};
  for (const [name, value] of Object.entries(input)) {
    const variable = byName.get(name);
    if (!variable) {
      errors.push({ field: `variables.${name}`, message: 'is not a variable of this template' });
      continue;
    }
    if (value === null || value === undefined) continue;
    const problem = problemOf(variable, value);
    if (problem) errors.push({ field: `variables.${name}`, message: problem });
    else set[name] = value as TemplateValue;
  }
  const values: Record<string, TemplateValue> = {};
  for (const variable of variables) {
    const value = Object.hasOwn(set, variable.name) ? set[variable.name]! : variable.default;
    values[variable.name] = value;
    const alreadyWrong = errors.some((error) => error.field === `variables.${variable.name}`);
    if (variable.required && !alreadyWrong && isEmpty(value)) errors.push({ field: `variables.${variable.name}`, message: 'is required' });
  }
  return { variables: set, values, errors };
}
