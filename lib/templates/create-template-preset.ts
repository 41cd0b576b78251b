import type { Queryable } from '@/lib/db/client';
import { checkPresetFields } from '@/lib/templates/check-preset-fields';
import { PRESET_COLUMNS, toPreset, type PresetRow } from '@/lib/templates/preset-row';
import type { CreateTemplatePresetBody, TemplatePreset } from '@/lib/zod/schemas/template-sharing';

/** A preset of the caller's own: a name, the templates it is for, and values by variable name. */
export async function createTemplatePreset(tx: Queryable, { userId, body }: { userId: string; body: CreateTemplatePresetBody }): Promise<TemplatePreset> {
  checkPresetFields(body, { throwOnError: true });
  const [row] = await tx<PresetRow[]>`
    insert into public.template_presets ${tx({
      owner_id: userId,
      is_system: false,
      name: body.name,
      description: body.description,
      template_ids: [...new Set(body.templateIds)],
      variables: tx.json(body.variables),
    })}
    returning ${tx(PRESET_COLUMNS)}`;
  return toPreset(row!);
}
