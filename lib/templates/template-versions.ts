import { z } from 'zod';
import type { Queryable } from '@/lib/db/client';
import { templateVariableSchema, type TemplateVariable } from '@/lib/templates/catalog-schema';
import { compareVersions } from '@/lib/templates/compare-versions';

export interface TemplateVersion {
  templateId: string;
  version: string;
  megaPrompt: string;
  variables: TemplateVariable[];
  changelog: string;
  createdAt: Date;
}

interface VersionRow {
  template_id: string;
  version: string;
  mega_prompt: string;
  variables: unknown;
  changelog: string;
  created_at: Date;
}

const variablesSchema = z.array(templateVariableSchema);

/** Every published version of the given templates, newest first per template (the database is the source of truth for versions). */
export async function templateVersions(tx: Queryable, templateIds: readonly string[]): Promise<Map<string, TemplateVersion[]>> {
  const rows =
    templateIds.length === 0
      ? []
      : await tx<VersionRow[]>`
          select template_id, version, mega_prompt, variables, changelog, created_at
          from public.template_versions where template_id in ${tx(templateIds)}`;
  const versions = new Map<string, TemplateVersion[]>();
  for (const row of rows) {
    const list = versions.get(row.template_id) ?? [];
    list.push({
      templateId: row.template_id,
      version: row.version,
      megaPrompt: row.mega_prompt,
      variables: variablesSchema.parse(row.variables),
      changelog: row.changelog,
      createdAt: row.created_at,
    });
    versions.set(row.template_id, list);
  }
  for (const list of versions.values()) list.sort((a, b) => compareVersions(b.version, a.version));
  return versions;
}
