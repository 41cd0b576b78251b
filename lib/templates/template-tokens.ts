import { TemplateSyntaxError } from '@/lib/templates/template-syntax-error';

/** One piece of a mega-prompt: literal text, or a tag naming a variable. */
export type TemplateToken =
  | { kind: 'text'; text: string }
  /** `''` for `{{name}}`, `'#'` / `'^'` to open a section, `'/'` to close one. */
  | { kind: 'tag'; sigil: '' | '#' | '^' | '/'; name: string };

/** A tag at exactly this position: `{{name}}`, `{{#name}}`, `{{^name}}` or `{{/name}}`. */
const TAG_AT = /\{\{([#^/]?)([a-zA-Z][a-zA-Z0-9]*)\}\}/y;
/** Four opening braces write two literal ones. */
const ESCAPE = '{{{{';

// Mega-prompts are few and long-lived (the catalog's versions), so each is scanned once per process.
const cache = new Map<string, readonly TemplateToken[]>();
const CACHE_LIMIT = 256;

function lineOf(template: string, index: number): number {
  let line = 1;
  for (let i = template.indexOf('\n'); i !== -1 && i < index; i = template.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * Splits a mega-prompt into text and tags, left to right. Every `{{` must begin either a tag or
 * the escape `{{{{`, which stands for a literal `{{` (so `{{{{name}}` shows `{{name}}`); a `}}`
 * alone is ordinary text. Anything else after `{{` (spaces, dots, a third brace) is a
 * TemplateSyntaxError naming the line, never text passed through silently. Values are not part of
 * the template, so nothing here ever reads them.
 */
export function templateTokens(template: string): readonly TemplateToken[] {
  const known = cache.get(template);
  if (known) return known;
  const tokens: TemplateToken[] = [];
  let text = '';
  let from = 0;
  for (let at = template.indexOf('{{'); at !== -1; at = template.indexOf('{{', from)) {
    text += template.slice(from, at);
    if (template.startsWith(ESCAPE, at)) {
      text += '{{';
      from = at + ESCAPE.length;
      continue;
    }
    TAG_AT.lastIndex = at;
    const match = TAG_AT.exec(template);
    if (!match) {
      const shown = template.slice(at, at + 24).split('\n')[0];
      throw new TemplateSyntaxError(`line ${lineOf(template, at)}: "${shown}" is not a tag; write {{{{ for a literal {{`);
    }
    if (text) tokens.push({ kind: 'text', text });
    text = '';
    tokens.push({ kind: 'tag', sigil: match[1] as '' | '#' | '^' | '/', name: match[2]! });
    from = at + match[0].length;
  }
  text += template.slice(from);
  if (text) tokens.push({ kind: 'text', text });
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(template, tokens);
  return tokens;
}
