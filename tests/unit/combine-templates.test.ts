import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/errors';
import { MAX_TEMPLATE_SECTION_CHARS } from '@/lib/assembly/limits';
import { catalogIndex, type IndexedTemplate } from '@/lib/templates/catalog-index';
import type { TemplateVariable } from '@/lib/templates/catalog-schema';
import { combineTemplates, type CustomizationToApply, type PublishedVersion } from '@/lib/templates/combine-templates';

const catalog = catalogIndex();
const published = (id: string): PublishedVersion => {
  const { template } = catalog.get(id)!;
  return { id, version: template.version, megaPrompt: template.megaPrompt, variables: template.variables };
};
const ids = (result: ReturnType<typeof combineTemplates>) => result.templates.map((template) => template.id);
const combine = (chosen: string[], customizations: CustomizationToApply[] = [], task: string | null = 'Add logging to the API') =>
  combineTemplates({ task, catalog, versions: chosen.map(published), customizations });

describe('the catalog index', () => {
  it('knows every template, in catalog order, with its dependencies direct and indirect', () => {
    expect(catalog.size).toBe(39);
    expect([...catalog.values()].map((entry) => entry.rank)).toEqual([...Array(39).keys()]);
    for (const entry of catalog.values()) {
      for (const dependency of entry.template.dependencies) {
        expect(entry.requires.has(dependency)).toBe(true);
        for (const further of catalog.get(dependency)!.requires) expect(entry.requires.has(further), `${entry.template.id} → ${further}`).toBe(true);
      }
      expect(entry.requires.has(entry.template.id)).toBe(false);
    }
  });
});

describe('combineTemplates: order', () => {
  it('puts every dependency before what builds on it, whatever order the ids came in', () => {
    const chosen = ['deploy-monitoring', 'init-logging', 'api-error-handling', 'init-project-structure', 'init-env-config', 'api-route-structure'];
    const result = combine(chosen);
    const order = ids(result);
    expect([...order].sort()).toEqual([...chosen].sort());
    for (const [index, id] of order.entries()) {
      for (const later of order.slice(index + 1)) expect(catalog.get(id)!.requires.has(later), `${id} needs ${later}, which comes after it`).toBe(false);
    }
    expect(combine([...chosen].reverse()).prompt).toBe(result.prompt);
  });

  it('orders through dependencies that were not chosen (A needs B needs C, with only A and C chosen)', () => {
    const entry = [...catalog.values()].find((candidate) =>
      [...candidate.requires].some((id) => !candidate.template.dependencies.includes(id) && catalog.get(id)!.rank > 0),
    )!;
    const indirect = [...entry.requires].find((id) => !entry.template.dependencies.includes(id))!;
    expect(ids(combine([entry.template.id, indirect]))).toEqual([indirect, entry.template.id]);
  });

  it('keeps catalog order (milestone, then id) among templates that do not depend on each other', () => {
    expect(ids(combine(['security-headers', 'api-pagination', 'init-typescript-config']))).toEqual(['init-typescript-config', 'api-pagination', 'security-headers']);
  });

  it('terminates on a dependency cycle (impossible in the catalog) in catalog order', () => {
    const cyclic = new Map<string, IndexedTemplate>(catalog);
    const a = catalog.get('init-project-structure')!;
    const b = catalog.get('init-env-config')!;
    cyclic.set(a.template.id, { ...a, requires: new Set([b.template.id]) });
    cyclic.set(b.template.id, { ...b, requires: new Set([a.template.id]) });
    const result = combineTemplates({ task: null, catalog: cyclic, versions: [published(b.template.id), published(a.template.id)], customizations: [] });
    // init-env-config comes first in the catalog (its milestone's files are in id order).
    expect(ids(result)).toEqual([b.template.id, a.template.id]);
  });

  it('names the dependencies it did not add, in dependency order, in the response and in the prompt', () => {
    const result = combine(['init-logging']);
    expect(ids(result)).toEqual(['init-logging']);
    expect(result.missingDependencies).toEqual(['init-project-structure', 'init-env-config']);
    const name = (id: string) => catalog.get(id)!.template.name;
    expect(result.prompt).toContain(`It builds on templates not included here: ${name('init-project-structure')} (init-project-structure), ${name('init-env-config')} (init-env-config).`);
    expect(combine(['init-project-structure']).missingDependencies).toEqual([]);
  });
});

describe('combineTemplates: values', () => {
  const logging = catalog.get('init-logging')!.template;
  const own = (change: Partial<CustomizationToApply>): CustomizationToApply => ({
    templateId: 'init-logging',
    values: { library: 'winston', redactFields: ['ssn', 'iban'], sampleRatePercent: 17, prettyInDev: false },
    customInstructions: 'Ship logs to our own collector too.',
    enabled: true,
    version: 4,
    ...change,
  });

  it('renders an enabled customisation over the defaults, with its instructions fenced after the template', () => {
    const result = combine(['init-logging'], [own({})]);
    expect(result.templates).toEqual([{ id: 'init-logging', version: logging.version, customizationVersion: 4 }]);
    expect(result.prompt).toContain('Wrap winston in one small module');
    expect(result.prompt).toContain('censor these keys at any depth: ssn, iban.');
    expect(result.prompt).toContain('keep it for 17 percent of requests');
    expect(result.prompt).toContain('Keep JSON output in development too');
    expect(result.prompt).toContain('Additional instructions from the user for this template:\n\n```text\nShip logs to our own collector too.\n```');
    expect(result.prompt).not.toContain('Wrap pino');
  });

  it('a disabled customisation is ignored: defaults, no instructions, no customisation version', () => {
    const result = combine(['init-logging'], [own({ enabled: false })]);
    expect(result).toEqual(combine(['init-logging']));
    expect(result.templates[0]!.customizationVersion).toBeNull();
    expect(result.prompt).toContain('Wrap pino in one small module');
    expect(result.prompt).not.toContain('Ship logs to our own collector');
  });

  it('a stored value that no longer fits its variable falls back to the default; unknown names are ignored', () => {
    const result = combine(['init-logging'], [own({ values: { library: 'log4j', sampleRatePercent: 250, redactFields: 'password', prettyInDev: 'yes', gone: 'x' } })]);
    expect(result.prompt).toContain('Wrap pino in one small module');
    expect(result.prompt).toContain('keep it for 5 percent of requests');
    expect(result.prompt).toContain('In development, pipe the output through a pretty printer');
    expect(result.templates[0]!.customizationVersion).toBe(4);
  });

  it('only customisations of chosen templates matter, and values stay literal', () => {
    const result = combine(['init-logging'], [own({ values: { destination: 'Datadog' }, customInstructions: '{{library}} ``` end' })]);
    // A fence longer than any backtick run inside, and the tag-like text as typed.
    expect(result.prompt).toContain('````text\n{{library}} ``` end\n````');
  });

  it('with a task, the prompt starts with it fenced; without one it is the section a run appends', () => {
    const standalone = combine(['init-logging', 'init-env-config'], [], 'Set up ```logging```');
    expect(standalone.prompt.startsWith('# Task\n\n````text\nSet up ```logging```\n````\n\n# Templates\n\nFollow these 2 engineering templates for the task above, in this order')).toBe(true);
    expect(standalone.prompt).toContain('## 1. ');
    const section = combine(['init-logging'], [], null);
    expect(section.prompt.startsWith('## Attached templates\n\nThe user attached an engineering template to this task.')).toBe(true);
    expect(section.prompt).toContain(`### 1. ${logging.name} (init-logging, version ${logging.version})`);
  });

  it('refuses a combination longer than the limit', () => {
    const variables: TemplateVariable[] = [{ name: 'x', label: 'x', description: 'x', type: 'string', default: 'y', maxLength: 2000, required: false }];
    const huge: PublishedVersion = { id: 'init-logging', version: '9.9.9', megaPrompt: '{{x}}'.repeat(MAX_TEMPLATE_SECTION_CHARS / 1000), variables };
    const error = (() => {
      try {
        combineTemplates({ task: null, catalog, versions: [huge], customizations: [{ ...own({}), values: { x: 'z'.repeat(2000) } }] });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/^templateIds: these templates combine into [\d,]+ characters; the limit is 200,000/);
  });
});
