import type { TemplateValue } from '@/lib/templates/render-template';
import type { TemplatePreset } from '@/lib/zod/schemas/template-sharing';

export interface PresetRow {
  id: string;
  owner_id: string | null;
  is_system: boolean;
  name: string;
  description: string;
  template_ids: string[];
  variables: Record<string, TemplateValue>;
  created_at: Date;
  updated_at: Date;
}

export const PRESET_COLUMNS = ['id', 'owner_id', 'is_system', 'name', 'description', 'template_ids', 'variables', 'created_at', 'updated_at'] as const;

export const PRESET_NOT_FOUND = 'No preset with this id is available to you.';

export function toPreset(row: PresetRow): TemplatePreset {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isSystem: row.is_system,
    templateIds: row.template_ids,
    variables: row.variables,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
