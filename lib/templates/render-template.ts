export type TemplateValue = string | number | boolean | string[];

export class TemplateSyntaxError extends Error {}

export const TEMPLATE_TAG = /\{\{([#^/]?)([a-zA-Z][a-zA-Z0-9]*)\}\}/g;

const truthy = (value: TemplateValue) => (Array.isArray(value) ? value.length > 0 : value !== false && value !== '' && value !== 0);
const show = (value: TemplateValue) => (Array.isArray(value) ? value.join(', ') : String(value));

/**
 * Renders a mega-prompt: `{{name}}` is replaced by the value (a list by its items, comma-separated),
 * `{{#name}}…{{/name}}` is kept when the value is true or non-empty and `{{^name}}…{{/name}}` when
 * it is not. The template is scanned once and values are only ever inserted, never scanned, so a
 * value that contains `{{…}}` stays literal text. A tag naming no value, or an unclosed or
 * crossed section, is an error rather than a silent blank.
 */
export function renderTemplate(template: string, values: Record<string, TemplateValue>): string {
  const out: string[] = [];
  // Open sections, innermost last; `hidden` counts the open sections whose content is dropped.
  const open: string[] = [];
  let hidden = 0;
  const hiddenAt: boolean[] = [];
  let last = 0;
  for (const match of template.matchAll(TEMPLATE_TAG)) {
    const [tag, kind, name] = match as unknown as [string, string, string];
    if (hidden === 0) out.push(template.slice(last, match.index));
    last = match.index + tag.length;
    if (!Object.hasOwn(values, name)) throw new TemplateSyntaxError(`{{${kind}${name}}} names no variable of this template`);
    const value = values[name]!;
    if (kind === '#' || kind === '^') {
      const keep = kind === '#' ? truthy(value) : !truthy(value);
      open.push(name);
      hiddenAt.push(!keep);
      if (!keep) hidden += 1;
    } else if (kind === '/') {
      if (open.at(-1) !== name) throw new TemplateSyntaxError(`{{/${name}}} closes no open section`);
      open.pop();
      if (hiddenAt.pop()) hidden -= 1;
    } else if (hidden === 0) {
      out.push(show(value));
    }
  }
  if (open.length > 0) throw new TemplateSyntaxError(`{{#${open.at(-1)}}} is never closed`);
  out.push(template.slice(last));
  return out.join('');
}
