import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { assertActiveAtoms, presetWriteError, settingsColumns, toPreset, VIBE_COLUMNS, type VibeRow } from '@/lib/vibe/vibe-row';
import type { Preset, VibeSettings } from '@/lib/zod/schemas/vibe';

const NOT_FOUND = 'No preset with this id exists.';

/** Renames a preset and/or changes its settings. Another user's preset is invisible under RLS, so it is a 404. */
export async function updatePreset(
  tx: Queryable,
  { userId, presetId, changes }: { userId: string; presetId: string; changes: { name?: string; settings?: Partial<VibeSettings> } },
): Promise<Preset> {
  await assertActiveAtoms(tx, { atomIds: changes.settings?.selectedAtoms, field: 'settings.selectedAtoms' });
  const columns = { ...settingsColumns(tx, changes.settings ?? {}), ...(changes.name !== undefined && { name: changes.name }) };
  let row: VibeRow | undefined;
  if (Object.keys(columns).length === 0) {
    // `{ "settings": {} }` passes the body schema and changes nothing: answer with the preset as it is.
    [row] = await tx<VibeRow[]>`
      select ${tx(VIBE_COLUMNS)} from public.vibe_configs where id = ${presetId} and user_id = ${userId} and kind = 'preset'`;
  } else {
    try {
      [row] = await tx<VibeRow[]>`
        update public.vibe_configs set ${tx(columns)}
        where id = ${presetId} and user_id = ${userId} and kind = 'preset'
        returning ${tx(VIBE_COLUMNS)}`;
    } catch (error) {
      throw presetWriteError(error, changes.name);
    }
  }
  if (!row) throw new ApiError('not_found', NOT_FOUND);
  return toPreset(row);
}
