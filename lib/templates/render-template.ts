import { TemplateSyntaxError } from '@/lib/templates/template-syntax-error';
import { templateTokens } from '@/lib/templates/template-tokens';

export { TemplateSyntaxError };

export type TemplateValue = string | number | boolean | string[];

/**
 * The shape of one tag. Scan a mega-prompt with templateTokens (or templateVariableNames), not
 * with this pattern: only the scanner knows the `{{{{` escape and refuses malformed tags.
 */
export const TEMPLATE_TAG = /\{\{([#^/]?)([a-zA-Z][a-zA-Z0-9]*)\}\}/g;

const truthy = (value: TemplateValue) => (Array.isArray(value) ? value.length > 0 : value !== false && value !== '' && value !== 0);
const show = (value: TemplateValue) => (Array.isArray(value) ? value.join(', ') : String(value));

/**
 * Renders a mega-prompt: `{{name}}` is replaced by the value (a list by its items, comma-separated),
 * `{{#name}}…{{/name}}` is kept when the value is true or non-empty and `{{^name}}…{{/name}}` when
 * it is not, and `{{{{` writes a literal `{{`. The template is scanned once (templateTokens) and
 * values are only ever inserted, never scanned, so a value that contains `{{…}}` stays literal
 * text. A tag naming no value, anything after `{{` that is not a tag, or an unclosed or crossed
 * section is an error rather than a silent blank.
 */
export function renderTemplate(template: string, values: Record<string, TemplateValue>): string {
  const out: string[] = [];
  // Open sections, innermost last; `hidden` counts the open sections whose content is dropped.
  const open: string[] = [];
  let hidden = 0;
  const hiddenAt: boolean[] = [];
  for (const token of templateTokens(template)) {
    if (token.kind === 'text') {
      if (hidden === 0) out.push(token.text);
      continue;
    }
    const { sigil, name } = token;
    if (!Object.hasOwn(values, name)) throw new TemplateSyntaxError(`{{${sigil}${name}}} names no variable of this template`);
    const value = values[name]!;
    if (sigil === '#' || sigil === '^') {
      const keep = sigil === '#' ? truthy(value) : !truthy(value);
      open.push(name);
      hiddenAt.push(!keep);
      if (!keep) hidden += 1;
    } else if (sigil === '/') {
      if (open.at(-1) !== name) throw new TemplateSyntaxError(`{{/${name}}} closes no open section`);
      open.pop();
      if (hiddenAt.pop()) hidden -= 1;
    } else if (hidden === 0) {
      out.push(show(value));
    }
  }
  if (open.length > 0) throw new TemplateSyntaxError(`{{#${open.at(-1)}}} is never closed`);
  return out.join('');
}
