import type { Queryable } from '@/lib/db/client';
import { getVibe } from '@/lib/vibe/get-vibe';
import { assertActiveAtoms, settingsColumns, toVibe, VIBE_COLUMNS, type VibeRow } from '@/lib/vibe/vibe-row';
import type { Vibe, VibeSettings } from '@/lib/zod/schemas/vibe';

export async function updateVibe(tx: Queryable, { userId, changes }: { userId: string; changes: Partial<VibeSettings> }): Promise<Vibe> {
  await assertActiveAtoms(tx, { atomIds: changes.selectedAtoms, field: 'selectedAtoms' });
  const update = () => tx<VibeRow[]>`
    update public.vibe_configs set ${tx(settingsColumns(tx, changes))}
    where user_id = ${userId} and kind = 'current'
    returning ${tx(VIBE_COLUMNS)}`;
  let [row] = await update();
  if (!row) {
    // No current vibe (an account from before it was guaranteed): recreate it, then change it.
    await getVibe(tx, { userId });
    [row] = await update();
  }
  return toVibe(row!);
}
