import { isDeepStrictEqual } from 'node:util';
import type { TemplateVariable } from '@/lib/templates/catalog-schema';
import { diffLines } from '@/lib/templates/diff-lines';
import type { TemplateVersion } from '@/lib/templates/template-versions';
import type { UpstreamChanges } from '@/lib/zod/schemas/templates';

const CONSTRAINT_FIELDS = ['default', 'required', 'maxLength', 'pattern', 'min', 'max', 'integer', 'maxItems'] as const;

/** What changed from one version of a template to another: variables added, removed, retyped, with new options or bounds, and the prompt's line diff. */
export function compareTemplateVersions(from: TemplateVersion, to: TemplateVersion): UpstreamChanges {
  const before = new Map(from.variables.map((variable) => [variable.name, variable]));
  const after = new Map(to.variables.map((variable) => [variable.name, variable]));
  const changes: UpstreamChanges = {
    fromVersion: from.version,
    toVersion: to.version,
    added: to.variables.filter((variable) => !before.has(variable.name)).map((variable) => variable.name),
    removed: from.variables.filter((variable) => !after.has(variable.name)).map((variable) => variable.name),
    retyped: [],
    optionsChanged: [],
    constraintsChanged: [],
    prompt: diffLines(from.megaPrompt, to.megaPrompt),
  };
  for (const next of to.variables) {
    const previous = before.get(next.name);
    if (!previous) continue;
    if (previous.type !== next.type) {
      changes.retyped.push({ name: next.name, from: previous.type, to: next.type });
      continue;
    }
    if (previous.type === 'enum' && next.type === 'enum') {
      const added = next.options.filter((option) => !previous.options.includes(option));
      const removed = previous.options.filter((option) => !next.options.includes(option));
      if (added.length > 0 || removed.length > 0) changes.optionsChanged.push({ name: next.name, added, removed });
    }
    const field = (variable: TemplateVariable, key: (typeof CONSTRAINT_FIELDS)[number]) => (variable as Record<string, unknown>)[key];
    const fields = CONSTRAINT_FIELDS.filter((key) => !isDeepStrictEqual(field(previous, key), field(next, key)));
    if (fields.length > 0) changes.constraintsChanged.push({ name: next.name, fields });
  }
  return changes;
}
