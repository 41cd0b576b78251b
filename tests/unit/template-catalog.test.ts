import { describe, expect, it } from 'vitest';
import type { TemplateVariable } from '@/lib/templates/catalog-schema';
import { loadCatalog } from '@/lib/templates/load-catalog';
import { renderTemplate, TemplateSyntaxError, type TemplateValue } from '@/lib/templates/render-template';
import { templateVariableNames } from '@/lib/templates/template-variable-names';

/** The catalog as the product promises it: ten milestones, 39 templates (PRODUCT.md capability 6). */
const EXPECTED: Record<string, string[]> = {
  '01-initialization': ['init-project-structure', 'init-env-config', 'init-typescript-config', 'init-logging'],
  '02-authentication': ['auth-jwt-middleware', 'auth-rbac-middleware', 'auth-session-management', 'auth-oauth-providers'],
  '03-database-schema': ['db-migration-structure', 'db-rls-policies', 'db-indexes-optimization', 'db-constraints-validation'],
  '04-api-routes': ['api-route-structure', 'api-validation-middleware', 'api-error-handling', 'api-rate-limiting', 'api-pagination'],
  '05-frontend-routes': ['frontend-route-structure', 'frontend-auth-context', 'frontend-protected-routes', 'frontend-api-client'],
  '06-security-hardening': ['security-headers', 'security-csrf-protection', 'security-input-sanitization', 'security-cors-config'],
  '07-performance': ['perf-caching-strategy', 'perf-compression', 'perf-database-query-optimization', 'perf-frontend-code-splitting'],
  '08-testing': ['test-setup', 'test-api-integration', 'test-database-fixtures', 'test-frontend-components'],
  '09-ci-cd': ['cicd-github-actions', 'cicd-quality-gates', 'cicd-security-scanning'],
  '10-deployment': ['deploy-docker', 'deploy-env-management', 'deploy-monitoring'],
};

const catalog = loadCatalog();
const byId = new Map(catalog.map((template) => [template.id, template]));
const defaults = (variables: TemplateVariable[]) => Object.fromEntries(variables.map((variable) => [variable.name, variable.default as TemplateValue]));

describe('the template catalog', () => {
  it('holds every catalogued template, each in its milestone, and nothing else', () => {
    const found: Record<string, string[]> = {};
    for (const template of catalog) (found[template.milestone] ??= []).push(template.id);
    for (const ids of Object.values(found)) ids.sort();
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([milestone, ids]) => [milestone, [...ids].sort()]));
    expect(found).toEqual(expected);
    expect(catalog).toHaveLength(39);
  });

  it('names only existing templates as dependencies, and they form no cycle', () => {
    for (const template of catalog) {
      for (const dependency of template.dependencies) expect(byId.has(dependency), `${template.id} depends on ${dependency}`).toBe(true);
      expect(template.dependencies, `${template.id} depends on itself`).not.toContain(template.id);
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, trail: string[]) => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') throw new Error(`dependency cycle: ${[...trail, id].join(' → ')}`);
      state.set(id, 'visiting');
      for (const dependency of byId.get(id)!.dependencies) visit(dependency, [...trail, id]);
      state.set(id, 'done');
    };
    for (const template of catalog) visit(template.id, []);
  });

  it.each(catalog.map((template) => [template.id, template] as const))('%s: its variables and its prompt agree, and the defaults are valid', (_id, template) => {
    const declared = template.variables.map((variable) => variable.name);
    expect(new Set(declared).size, 'a variable is declared twice').toBe(declared.length);
    expect([...templateVariableNames(template.megaPrompt)].sort()).toEqual([...declared].sort());
    for (const variable of template.variables) {
      if (variable.type === 'enum') expect(variable.options, `${variable.name}'s default`).toContain(variable.default);
      if (variable.type === 'number') {
        if (variable.min !== undefined) expect(variable.default).toBeGreaterThanOrEqual(variable.min);
        if (variable.max !== undefined) expect(variable.default).toBeLessThanOrEqual(variable.max);
        if (variable.integer) expect(Number.isInteger(variable.default), `${variable.name}'s default is whole`).toBe(true);
      }
      if (variable.type === 'string') {
        expect(variable.default.length).toBeLessThanOrEqual(variable.maxLength);
        if (variable.pattern) expect(variable.default).toMatch(new RegExp(variable.pattern));
        if (variable.required) expect(variable.default, `${variable.name} is required, so its default must fill it`).not.toBe('');
      }
      if (variable.type === 'list') expect(variable.default.length).toBeLessThanOrEqual(variable.maxItems);
    }
  });

  it.each(catalog.map((template) => [template.id, template] as const))('%s: renders with its defaults into a prompt of several hundred words', (_id, template) => {
    const rendered = renderTemplate(template.megaPrompt, defaults(template.variables));
    expect(rendered).not.toMatch(/\{\{|\}\}/);
    expect(rendered.split(/\s+/).filter(Boolean).length).toBeGreaterThanOrEqual(300);
  });
});

describe('renderTemplate', () => {
  it('fills values, keeps and drops sections, and joins lists', () => {
    const template = 'Use {{framework}}.{{#strict}} Strict mode.{{/strict}}{{^strict}} Loose mode.{{/strict}} Roles: {{roles}}.';
    expect(renderTemplate(template, { framework: 'Next.js', strict: true, roles: ['owner', 'member'] })).toBe('Use Next.js. Strict mode. Roles: owner, member.');
    expect(renderTemplate(template, { framework: 'Express', strict: false, roles: [] })).toBe('Use Express. Loose mode. Roles: .');
  });

  it('never reads a value as template syntax', () => {
    expect(renderTemplate('Name: {{name}}', { name: '{{secret}} {{#x}}y{{/x}}' })).toBe('Name: {{secret}} {{#x}}y{{/x}}');
  });

  it('refuses a tag that names no variable, and a section left open or closed out of order', () => {
    expect(() => renderTemplate('Hi {{who}}', {})).toThrow(TemplateSyntaxError);
    expect(() => renderTemplate('{{#a}}x', { a: true })).toThrow(/never closed/);
    expect(() => renderTemplate('{{#a}}{{#b}}x{{/a}}{{/b}}', { a: true, b: true })).toThrow(/closes no open section/);
  });

  it('drops nested sections inside a dropped one, and their tags are still checked', () => {
    expect(renderTemplate('a{{#off}}b{{#on}}c{{/on}}d{{/off}}e', { off: false, on: true })).toBe('ae');
    expect(() => renderTemplate('a{{#off}}{{missing}}{{/off}}', { off: false })).toThrow(TemplateSyntaxError);
  });
});
