import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { checkPresetFields } from '@/lib/templates/check-preset-fields';
import { PRESET_COLUMNS, PRESET_NOT_FOUND, toPreset, type PresetRow } from '@/lib/templates/preset-row';
import type { TemplatePreset, UpdateTemplatePresetBody } from '@/lib/zod/schemas/template-sharing';

/** Changes one of the caller's presets; a system preset is read-only (403), another user's a 404. */
export async function updateTemplatePreset(
  tx: Queryable,
  { userId, presetId, body }: { userId: string; presetId: string; body: UpdateTemplatePresetBody },
): Promise<TemplatePreset> {
  const [current] = await tx<PresetRow[]>`select ${tx(PRESET_COLUMNS)} from public.template_presets where id = ${presetId}`;
  if (!current) throw new ApiError('not_found', PRESET_NOT_FOUND);
  if (current.is_system || current.owner_id !== userId) throw new ApiError('forbidden', 'System presets are read-only: create your own from its values instead.');
  const templateIds = body.templateIds ? [...new Set(body.templateIds)] : current.template_ids;
  const variables = body.variables ?? current.variables;
  checkPresetFields({ templateIds, variables }, { throwOnError: true });
  const [row] = await tx<PresetRow[]>`
    update public.template_presets set ${tx({
      name: body.name ?? current.name,
      description: body.description ?? current.description,
      template_ids: templateIds,
      variables: tx.json(variables),
    })}
    where id = ${presetId} and owner_id = ${userId}
    returning ${tx(PRESET_COLUMNS)}`;
  return toPreset(row!);
}
