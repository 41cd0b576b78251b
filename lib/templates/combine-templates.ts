import { ApiError } from '@/lib/api/errors';
import { MAX_TEMPLATE_SECTION_CHARS } from '@/lib/assembly/limits';
import { fenceUserText } from '@/lib/assembly/user-text';
import type { IndexedTemplate } from '@/lib/templates/catalog-index';
import type { TemplateVariable } from '@/lib/templates/catalog-schema';
import { renderTemplate, type TemplateValue } from '@/lib/templates/render-template';
import type { GeneratedPrompt, UsedTemplate } from '@/lib/zod/schemas/template-prompts';

/** A published version of a template (a template_versions row). */
export interface PublishedVersion {
  id: string;
  version: string;
  megaPrompt: string;
  variables: readonly TemplateVariable[];
}

/** The caller's own customisation of a template (a user_template_customizations row). */
export interface CustomizationToApply {
  templateId: string;
  /** As stored: values by variable name, checked here against the version's variables. */
  values: Record<string, unknown>;
  customInstructions: string;
  enabled: boolean;
  version: number;
}

export interface CombineInput {
  /** The task the prompt is for; null when the templates join a run's prompt, which has the task already. */
  task: string | null;
  catalog: ReadonlyMap<string, IndexedTemplate>;
  /** One version per chosen template, each in the catalog. */
  versions: readonly PublishedVersion[];
  customizations: readonly CustomizationToApply[];
}

/** Whether a stored value still fits the variable as this version declares it (a retyped or narrowed variable may not). */
function fits(variable: TemplateVariable, value: unknown): value is TemplateValue {
  switch (variable.type) {
    case 'string':
      return typeof value === 'string' && value.length <= variable.maxLength && (!variable.required || value.trim() !== '');
    case 'enum':
      return typeof value === 'string' && variable.options.includes(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (variable.min === undefined || value >= variable.min) &&
        (variable.max === undefined || value <= variable.max) &&
        (!variable.integer || Number.isInteger(value))
      );
    case 'list':
      return Array.isArray(value) && value.length <= variable.maxItems && value.every((item) => typeof item === 'string' && item.length <= 100);
  }
}

/** The defaults, with every stored value that still fits in place of its default. Unknown names are left out. */
function valuesFor(variables: readonly TemplateVariable[], stored: Record<string, unknown> | null): Record<string, TemplateValue> {
  const values: Record<string, TemplateValue> = {};
  for (const variable of variables) {
    const value = stored && Object.hasOwn(stored, variable.name) ? stored[variable.name] : undefined;
    values[variable.name] = value !== undefined && fits(variable, value) ? value : variable.default;
  }
  return values;
}

/** Dependencies first; among templates that do not depend on each other, catalog order (milestone, then id). */
function dependencyOrder<T extends { entry: IndexedTemplate; id: string }>(chosen: T[]): T[] {
  const remaining = [...chosen].sort((a, b) => a.entry.rank - b.entry.rank);
  const ordered: T[] = [];
  while (remaining.length > 0) {
    let next = remaining.findIndex((candidate) => !remaining.some((other) => other !== candidate && candidate.entry.requires.has(other.id)));
    // Only a dependency cycle leaves nothing ready; the catalog has none, but never loop: take catalog order.
    if (next === -1) next = 0;
    ordered.push(...remaining.splice(next, 1));
  }
  return ordered;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * The pure part of generating a combined prompt (no database): orders the chosen templates by
 * dependency (only those chosen; a dependency that was not chosen is named in the prompt and in
 * `missingDependencies`, not added), renders each with the caller's customisation over its
 * defaults (a disabled customisation is ignored: defaults, no custom instructions) and appends
 * its custom instructions as fenced text. With a task, the prompt stands on its own (the task,
 * then the templates); without one it is the section a run's user prompt appends to its task.
 * A combination longer than MAX_TEMPLATE_SECTION_CHARS is refused (400).
 */
export function combineTemplates({ task, catalog, versions, customizations }: CombineInput): GeneratedPrompt {
  const own = new Map(customizations.filter((c) => c.enabled).map((c) => [c.templateId, c]));
  const chosen = versions.map((version) => {
    const entry = catalog.get(version.id);
    if (!entry) throw new Error(`combineTemplates: ${version.id} is not in the catalog`);
    return { id: version.id, version, entry };
  });
  const ordered = dependencyOrder(chosen);
  const chosenIds = new Set(chosen.map(({ id }) => id));
  const missing = dependencyOrder(
    [...new Set(chosen.flatMap(({ entry }) => [...entry.requires]))]
      .filter((id) => !chosenIds.has(id) && catalog.has(id))
      .map((id) => ({ id, entry: catalog.get(id)! })),
  ).map(({ id }) => id);

  const heading = task === null ? '###' : '##';
  const used: UsedTemplate[] = [];
  const sections = ordered.map(({ id, version, entry }, index) => {
    const customization = own.get(id) ?? null;
    used.push({ id, version: version.version, customizationVersion: customization?.version ?? null });
    const parts = [
      `${heading} ${index + 1}. ${entry.template.name} (${id}, version ${version.version})`,
      renderTemplate(version.megaPrompt, valuesFor(version.variables, customization?.values ?? null)),
    ];
    if (customization && customization.customInstructions.trim() !== '') {
      parts.push(`Additional instructions from the user for this template:\n\n${fenceUserText(customization.customInstructions)}`);
    }
    return parts.join('\n\n');
  });

  const n = ordered.length;
  const order = n === 1 ? '' : ', in this order: each builds on the ones before it';
  const intro =
    task === null
      ? `## Attached templates\n\nThe user attached ${plural(n, 'an engineering template', `${n} engineering templates`)} to this task. Follow ${plural(n, 'it', 'them')} where ${plural(n, 'it bears', 'they bear')} on the task${order}.`
      : `# Templates\n\nFollow ${plural(n, 'this engineering template', `these ${n} engineering templates`)} for the task above${order}.`;
  const note =
    missing.length === 0
      ? []
      : [
          `${plural(n, 'It builds', 'They build')} on ${plural(missing.length, 'a template', 'templates')} not included here: ${missing
            .map((id) => `${catalog.get(id)!.template.name} (${id})`)
            .join(', ')}. Assume what ${plural(missing.length, 'it sets', 'those set')} up is in place, and say where the task depends on it.`,
        ];
  const section = [intro, ...note, ...sections].join('\n\n');
  if (section.length > MAX_TEMPLATE_SECTION_CHARS) {
    throw new ApiError(
      'validation_failed',
      `templateIds: these templates combine into ${section.length.toLocaleString('en-US')} characters; the limit is ${MAX_TEMPLATE_SECTION_CHARS.toLocaleString('en-US')}. Choose fewer templates or shorter values.`,
    );
  }
  const prompt = task === null ? section : `# Task\n\n${fenceUserText(task)}\n\n${section}`;
  return { prompt, templates: used, missingDependencies: missing };
}
