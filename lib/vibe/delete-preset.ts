import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';

/** Deletes one of the caller's presets; the current vibe is never a preset, so it cannot be deleted here. */
export async function deletePreset(tx: Queryable, { userId, presetId }: { userId: string; presetId: string }): Promise<void> {
  const deleted = await tx`
    delete from public.vibe_configs where id = ${presetId} and user_id = ${userId} and kind = 'preset' returning id`;
  if (deleted.length === 0) throw new ApiError('not_found', 'No preset with this id exists.');
}
