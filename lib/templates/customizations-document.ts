import type { Queryable } from '@/lib/db/client';
import type { PresetRow } from '@/lib/templates/preset-row';
import type { TemplateValue } from '@/lib/templates/render-template';
import { EXPORT_FORMAT_NAME, type TemplateExport } from '@/lib/zod/schemas/template-sharing';

interface ExportRow {
  template_id: string;
  base_version: string | null;
  variables: Record<string, TemplateValue>;
  custom_instructions: string;
  enabled: boolean;
}

/** Keys in code-point order, so the same values always export the same text. */
const sorted = (values: Record<string, TemplateValue>) => Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The caller's customisations (by template id) and, when asked, their own presets (by name): what an export file holds. */
export async function customizationsDocument(tx: Queryable, { userId, presets }: { userId: string; presets: boolean }): Promise<TemplateExport> {
  const rows = await tx<ExportRow[]>`
    select template_id, base_version, variables, custom_instructions, enabled from public.user_template_customizations
    where user_id = ${userId} order by template_id collate "C"`;
  const document: TemplateExport = {
    format: EXPORT_FORMAT_NAME,
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    customizations: rows.map((row) => ({
      templateId: row.template_id,
      baseVersion: row.base_version,
      variables: sorted(row.variables),
      customInstructions: row.custom_instructions,
      enabled: row.enabled,
    })),
  };
  if (presets) {
    const own = await tx<Pick<PresetRow, 'name' | 'description' | 'template_ids' | 'variables'>[]>`
      select name, description, template_ids, variables from public.template_presets
      where owner_id = ${userId} and not is_system order by name collate "C", id`;
    document.presets = own.map((row) => ({ name: row.name, description: row.description, templateIds: row.template_ids, variables: sorted(row.variables) }));
  }
  return document;
}
