import type { Queryable } from '@/lib/db/client';
import { getVibe } from '@/lib/vibe/get-vibe';
import { assertActiveAtoms, settingsColumns, toVibe, VIBE_COLUMNS, type VibeRow } from '@/lib/vibe/vibe-row';
import type { Vibe, VibeSettings } from '@/lib/zod/schemas/vibe';

export async function updateVibe(tx: Queryable, { userId, changes }: { userId: string; changes: Partial<VibeSettings> }): Promise<Vibe> {
  await assertActiveAtoms(tx, { atomIds: changes.selectedAtoms, field: 'selectedAtoms' });
  // Recreates a missing current vibe, so there is always a row to change.
  await getVibe(tx, { userId });
  const [row] = await tx<VibeRow[]>`
    update public.vibe_configs set ${tx(settingsColumns(tx, changes))}
    where user_id = ${userId} and kind = 'current'
    returning ${tx(VIBE_COLUMNS)}`;
  return toVibe(row!);
}
