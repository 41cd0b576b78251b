import type { Queryable } from '@/lib/db/client';
import { toPreset, VIBE_COLUMNS, type VibeRow } from '@/lib/vibe/vibe-row';
import type { Preset } from '@/lib/zod/schemas/vibe';

/** All of the caller's presets (at most MAX_PRESETS_PER_USER, so no paging), in name order. */
export async function listPresets(tx: Queryable, { userId }: { userId: string }): Promise<Preset[]> {
  const rows = await tx<VibeRow[]>`
    select ${tx(VIBE_COLUMNS)} from public.vibe_configs
    where user_id = ${userId} and kind = 'preset'
    order by lower(name), id`;
  return rows.map(toPreset);
}
