import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { toVibe, type VibeRow } from '@/lib/vibe/vibe-row';
import type { Vibe } from '@/lib/zod/schemas/vibe';

/**
 * Copies a preset's settings into the current vibe in one statement, so the current vibe is never
 * a mix of old and new settings. An unknown preset, or another user's, matches no row: 404. Like
 * every write of the row, it bumps the version (trigger), so a tab still editing the older version
 * gets a 409 when it saves.
 */
export async function applyPreset(tx: Queryable, { userId, presetId }: { userId: string; presetId: string }): Promise<Vibe> {
  const [row] = await tx<VibeRow[]>`
    update public.vibe_configs as current_vibe set
      playfulness = preset.playfulness,
      revenue_focus = preset.revenue_focus,
      investor_perspective = preset.investor_perspective,
      selected_atoms = preset.selected_atoms,
      custom_instructions = preset.custom_instructions,
      auto_suggest = preset.auto_suggest,
      approval_required = preset.approval_required,
      logging_level = preset.logging_level
    from public.vibe_configs as preset
    where current_vibe.user_id = ${userId} and current_vibe.kind = 'current'
      and preset.id = ${presetId} and preset.user_id = ${userId} and preset.kind = 'preset'
    returning current_vibe.id, current_vibe.name, current_vibe.playfulness, current_vibe.revenue_focus,
      current_vibe.investor_perspective, current_vibe.selected_atoms, current_vibe.custom_instructions,
      current_vibe.auto_suggest, current_vibe.approval_required, current_vibe.logging_level,
      current_vibe.created_at, current_vibe.updated_at, current_vibe.version`;
  if (!row) throw new ApiError('not_found', 'No preset with this id exists.');
  return toVibe(row);
}
