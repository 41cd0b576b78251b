import { describe, expect, it } from 'vitest';
import type { TemplateVariable } from '@/lib/templates/catalog-schema';
import { compareVersions } from '@/lib/templates/compare-versions';
import { planRebase } from '@/lib/templates/plan-rebase';
import type { TemplateVersion } from '@/lib/templates/template-versions';
import { validateTemplateValues } from '@/lib/templates/validate-template-values';

const common = { label: 'L', description: 'D', required: false };
const variables: TemplateVariable[] = [
  { ...common, name: 'title', type: 'string', default: 'App', maxLength: 10, required: true },
  { ...common, name: 'mode', type: 'enum', options: ['a', 'b'], default: 'a' },
  { ...common, name: 'on', type: 'boolean', default: true },
  { ...common, name: 'count', type: 'number', default: 3, min: 1, max: 9, integer: true },
  { ...common, name: 'items', type: 'list', default: ['x'], maxItems: 2 },
];
const version = (v: string, vars: TemplateVariable[], megaPrompt = 'P'): TemplateVersion => ({
  templateId: 't',
  version: v,
  megaPrompt,
  variables: vars,
  changelog: '',
  createdAt: new Date(0),
});

describe('compareVersions', () => {
  it('orders semver numerically, and anything else before semver', () => {
    expect(['1.10.0', '1.9.0', '2.0.0', '1.9.10', 'draft'].sort(compareVersions)).toEqual(['draft', '1.9.0', '1.9.10', '1.10.0', '2.0.0']);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
  });
});

describe('validateTemplateValues', () => {
  it('fills defaults for what is not set and treats null as not set', () => {
    const { values, variables: set, errors } = validateTemplateValues(variables, { mode: 'b', count: null });
    expect(errors).toEqual([]);
    expect(set).toEqual({ mode: 'b' });
    expect(values).toEqual({ title: 'App', mode: 'b', on: true, count: 3, items: ['x'] });
  });

  it('names each bad field once, with the reason', () => {
    const { errors } = validateTemplateValues(variables, { title: 'x'.repeat(11), mode: 'c', on: 1, count: 10, items: ['a', 'b', 'c'], other: 1 });
    expect(errors).toEqual([
      { field: 'variables.title', message: 'must be at most 10 characters' },
      { field: 'variables.mode', message: 'must be one of: a, b' },
      { field: 'variables.on', message: 'must be true or false' },
      { field: 'variables.count', message: 'must be at most 9' },
      { field: 'variables.items', message: 'must have at most 2 items' },
      { field: 'variables.other', message: 'is not a variable of this template' },
    ]);
    expect(validateTemplateValues(variables, { title: '  ' }).errors).toEqual([{ field: 'variables.title', message: 'is required' }]);
  });
});

describe('planRebase', () => {
  it('keeps valid values, gives new variables their defaults, and reports removed and no-longer-valid values', () => {
    const next = version(
      '2.0.0',
      [
        { ...common, name: 'title', type: 'string', default: 'App', maxLength: 4, required: true },
        { ...common, name: 'mode', type: 'enum', options: ['a', 'b', 'c'], default: 'a' },
        { ...common, name: 'count', type: 'list', default: [], maxItems: 5 },
        { ...common, name: 'fresh', type: 'boolean', default: false },
      ],
      'P {{fresh}}',
    );
    const plan = planRebase(version('1.0.0', variables), next, { variables: { title: 'Longer', mode: 'b', on: false, count: 4 }, customInstructions: 'See {{on}}.' });
    expect(plan.kept).toEqual(['mode']);
    expect(plan.newDefaults).toEqual(['fresh']);
    expect(plan.conflicts.map(({ field, reason }) => [field, reason])).toEqual([
      ['variables.title', 'invalid'],
      ['variables.on', 'removed'],
      ['variables.count', 'invalid'],
      ['customInstructions', 'invalid'],
    ]);
    expect(plan.upstream).toMatchObject({ added: ['fresh'], removed: ['on', 'items'], retyped: [{ name: 'count', from: 'number', to: 'list' }], optionsChanged: [{ name: 'mode', added: ['c'], removed: [] }] });
    expect(plan.upstream.constraintsChanged).toEqual([{ name: 'title', fields: ['maxLength'] }]);
  });
});
