import type { TemplateValue } from '@/lib/templates/render-template';
import type { TemplateVersion } from '@/lib/templates/template-versions';
import type { Customization, CustomizationSnapshot } from '@/lib/zod/schemas/templates';

export interface CustomizationRow {
  id: string;
  template_id: string;
  variables: Record<string, TemplateValue>;
  custom_instructions: string;
  enabled: boolean;
  version: number;
  base_version: string | null;
  created_at: Date;
  updated_at: Date;
}

export const CUSTOMIZATION_COLUMNS = ['id', 'template_id', 'variables', 'custom_instructions', 'enabled', 'version', 'base_version', 'created_at', 'updated_at'] as const;

export const CUSTOMIZATION_NOT_FOUND = 'You have no customisation of this template.';

/** Every variable of the version with the value a render uses: the one set, otherwise the default. */
export function effectiveValues(version: TemplateVersion, set: Record<string, TemplateValue>): Record<string, TemplateValue> {
  return Object.fromEntries(version.variables.map((variable) => [variable.name, Object.hasOwn(set, variable.name) ? set[variable.name]! : variable.default]));
}

export const snapshotOf = (row: CustomizationRow): CustomizationSnapshot => ({
  variables: row.variables,
  customInstructions: row.custom_instructions,
  enabled: row.enabled,
  baseVersion: row.base_version,
});

export function toCustomization(row: CustomizationRow, base: TemplateVersion): Customization {
  return {
    id: row.id,
    templateId: row.template_id,
    version: row.version,
    baseVersion: row.base_version,
    variables: row.variables,
    values: effectiveValues(base, row.variables),
    customInstructions: row.custom_instructions,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
