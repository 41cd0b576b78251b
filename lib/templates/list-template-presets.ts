import type { Queryable } from '@/lib/db/client';
import { PRESET_COLUMNS, toPreset, type PresetRow } from '@/lib/templates/preset-row';
import type { TemplatePreset } from '@/lib/zod/schemas/template-sharing';

/** The system presets, then the caller's own, each by name (RLS lets nobody read another user's). */
export async function listTemplatePresets(tx: Queryable, { userId }: { userId: string }): Promise<TemplatePreset[]> {
  const rows = await tx<PresetRow[]>`
    select ${tx(PRESET_COLUMNS)} from public.template_presets
    where is_system or owner_id = ${userId}
    order by is_system desc, name, id`;
  return rows.map(toPreset);
}
