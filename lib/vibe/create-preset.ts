import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import {
  assertActiveAtoms,
  MAX_PRESETS_PER_USER,
  presetWriteError,
  settingsColumns,
  toPreset,
  toVibeSettings,
  VIBE_COLUMNS,
  type VibeRow,
} from '@/lib/vibe/vibe-row';
import type { Preset, VibeSettings } from '@/lib/zod/schemas/vibe';

/** Saves a named preset; settings not given are copied from the caller's current vibe. */
export async function createPreset(
  tx: Queryable,
  { userId, name, settings = {} }: { userId: string; name: string; settings?: Partial<VibeSettings> },
): Promise<Preset> {
  // Locking the current row serialises this user's preset creations, so two concurrent requests
  // cannot both pass the count check below and end up over the limit.
  const [current] = await tx<VibeRow[]>`
    select ${tx(VIBE_COLUMNS)} from public.vibe_configs
    where user_id = ${userId} and kind = 'current'
    for update`;
  if (!current) throw new ApiError('not_found', 'No vibe exists for this account.');
  const [{ count } = { count: 0 }] = await tx<{ count: number }[]>`
    select count(*)::int as count from public.vibe_configs where user_id = ${userId} and kind = 'preset'`;
  if (count >= MAX_PRESETS_PER_USER) {
    throw new ApiError('conflict', `You already have ${MAX_PRESETS_PER_USER} presets, the most an account can keep. Delete one to save another.`);
  }
  // Only atoms the caller names are checked: ids copied from the current vibe were valid when chosen.
  await assertActiveAtoms(tx, { atomIds: settings.selectedAtoms, field: 'settings.selectedAtoms' });
  const values = { user_id: userId, kind: 'preset', name, ...settingsColumns(tx, { ...toVibeSettings(current), ...settings }) };
  try {
    const [row] = await tx<VibeRow[]>`insert into public.vibe_configs ${tx(values)} returning ${tx(VIBE_COLUMNS)}`;
    return toPreset(row!);
  } catch (error) {
    throw presetWriteError(error, name);
  }
}
