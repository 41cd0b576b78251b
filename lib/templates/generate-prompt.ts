import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { catalogIndex } from '@/lib/templates/catalog-index';
import { templateVariableSchema } from '@/lib/templates/catalog-schema';
import { combineTemplates, type CustomizationToApply, type PublishedVersion } from '@/lib/templates/combine-templates';
import type { GeneratedPrompt } from '@/lib/zod/schemas/template-prompts';

const storedVariables = z.array(templateVariableSchema);

interface VersionRow {
  template_id: string;
  version: string;
  mega_prompt: string;
  variables: unknown;
}

interface CustomizationRow {
  template_id: string;
  variables: Record<string, unknown>;
  custom_instructions: string;
  enabled: boolean;
  version: number;
}

/**
 * A combined prompt from 1–10 catalog templates for the caller: reads the newest published
 * version of each (template_versions, highest semver) and the caller's own customisations, then
 * combines them (lib/templates/combine-templates.ts). Only the caller's own rows are read: a
 * customisation someone shared with them is readable under RLS but never applied to their prompt.
 * Ids that are not in the catalog, or have no published version, are a 400 naming them. Metering
 * is the caller's (one "templates" use); nothing is written here.
 */
export async function generatePrompt(tx: Queryable, { userId, task, templateIds }: { userId: string; task: string | null; templateIds: readonly string[] }): Promise<GeneratedPrompt> {
  const catalog = catalogIndex();
  const known = templateIds.filter((id) => catalog.has(id));
  const [versionRows, customizationRows] = known.length === 0
    ? [[], []]
    : await Promise.all([
        tx<VersionRow[]>`
          select distinct on (template_id) template_id, version, mega_prompt, variables
          from public.template_versions
          where template_id in ${tx(known)}
          order by template_id,
            case when version ~ '^[0-9]+[.][0-9]+[.][0-9]+$' then string_to_array(version, '.')::numeric[] end desc nulls last,
            created_at desc`,
        tx<CustomizationRow[]>`
          select template_id, variables, custom_instructions, enabled, version
          from public.user_template_customizations
          where user_id = ${userId} and template_id in ${tx(known)}`,
      ]);
  const published = new Set(versionRows.map((row) => row.template_id));
  const unknown = templateIds.filter((id) => !published.has(id));
  if (unknown.length > 0) {
    throw new ApiError('validation_failed', `templateIds: no template ${unknown.map((id) => JSON.stringify(id)).join(', ')} in the catalog`);
  }
  const versions: PublishedVersion[] = versionRows.map((row) => ({
    id: row.template_id,
    version: row.version,
    megaPrompt: row.mega_prompt,
    // Written by the seed or an admin; a row that does not match the schema is a server fault (500), not the caller's.
    variables: storedVariables.parse(row.variables),
  }));
  const customizations: CustomizationToApply[] = customizationRows.map((row) => ({
    templateId: row.template_id,
    values: row.variables,
    customInstructions: row.custom_instructions,
    enabled: row.enabled,
    version: row.version,
  }));
  return combineTemplates({ task, catalog, versions, customizations });
}
