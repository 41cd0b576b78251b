import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { PRESET_NOT_FOUND } from '@/lib/templates/preset-row';

/** Deletes one of the caller's presets; a system preset is read-only (403), another user's a 404. */
export async function deleteTemplatePreset(tx: Queryable, { userId, presetId }: { userId: string; presetId: string }): Promise<void> {
  const [current] = await tx<{ is_system: boolean; owner_id: string | null }[]>`select is_system, owner_id from public.template_presets where id = ${presetId}`;
  if (!current) throw new ApiError('not_found', PRESET_NOT_FOUND);
  if (current.is_system || current.owner_id !== userId) throw new ApiError('forbidden', 'System presets are read-only.');
  await tx`delete from public.template_presets where id = ${presetId} and owner_id = ${userId}`;
}
