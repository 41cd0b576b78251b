import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateSyntaxError } from '@/lib/templates/render-template';
import { templateVariableNames } from '@/lib/templates/template-variable-names';

/** What an author writes to show `text` literally: every `{{` doubled into the escape. */
const escape = (text: string) => text.replaceAll('{{', '{{{{');

/** Strings rich in braces and tag-like fragments, so values look as much like syntax as possible. */
const bracey = fc
  .array(fc.oneof(fc.constantFrom('{{', '}}', '{', '}', '{{x}}', '{{#a}}', '{{/a}}', '{{^b}}', '{{{{', '{{name}}', ' ', '$&', '\n'), fc.string({ maxLength: 6 })), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));

describe('renderTemplate: values are data', () => {
  it('inserts any value verbatim, however much it looks like a tag, in text and in kept sections', () => {
    fc.assert(
      fc.property(bracey, bracey, fc.array(bracey, { maxLength: 4 }), (a, b, list) => {
        const template = 'A={{a}};{{#on}}B={{b}};{{/on}}{{^on}}never{{/on}}L={{list}}.';
        expect(renderTemplate(template, { a, b, list, on: true })).toBe(`A=${a};B=${b};L=${list.join(', ')}.`);
      }),
      { numRuns: 500 },
    );
  });

  it('the escape shows any text literally: rendering escape(t) gives t back, and t names no variable', () => {
    fc.assert(
      fc.property(bracey, (text) => {
        expect(renderTemplate(escape(text), {})).toBe(text);
        expect(templateVariableNames(escape(text))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('renderTemplate: syntax', () => {
  it('{{{{ writes a literal {{, so a tag can be shown without being one', () => {
    expect(renderTemplate('Use {{{{ secrets.TOKEN }} in {{tool}}; write {{{{name}} for a placeholder.', { tool: 'Actions' })).toBe(
      'Use {{ secrets.TOKEN }} in Actions; write {{name}} for a placeholder.',
    );
    expect(templateVariableNames('{{{{name}} {{tool}}')).toEqual(['tool']);
  });

  it('a lone }} is text', () => {
    expect(renderTemplate('a }} b {{x}} }}', { x: 1 })).toBe('a }} b 1 }}');
  });

  it.each([
    ['spaces inside', 'Hello {{ name }}'],
    ['a dotted name', 'Key: {{secrets.token}}'],
    ['three braces', 'JSON: {{{name}}}'],
    ['an unclosed tag', 'Cut off {{name'],
    ['an empty tag', 'Nothing {{}}'],
    ['a name starting with a digit', '{{1st}}'],
    ['a comment-like tag', '{{! note }}'],
  ])('refuses %s, naming the line', (_label, template) => {
    expect(() => renderTemplate(`first line\n${template}`, { name: 'x' })).toThrow(TemplateSyntaxError);
    expect(() => renderTemplate(`first line\n${template}`, { name: 'x' })).toThrow(/^line 2: .* is not a tag; write \{\{\{\{ for a literal \{\{$/);
    expect(() => templateVariableNames(template)).toThrow(TemplateSyntaxError);
  });

  it('renders the same template the same way every time (the scan is cached per template)', () => {
    const template = 'x{{#a}}{{b}}{{/a}}y';
    expect(renderTemplate(template, { a: true, b: 'one' })).toBe('xoney');
    expect(renderTemplate(template, { a: false, b: 'two' })).toBe('xy');
    expect(renderTemplate(template, { a: true, b: 'three' })).toBe('xthreey');
  });
});
