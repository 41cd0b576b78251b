import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { getVibe } from '@/lib/vibe/get-vibe';
import { assertActiveAtoms, settingsColumns, toVibe, VIBE_COLUMNS, type VibeRow } from '@/lib/vibe/vibe-row';
import type { Vibe, VibeSettings } from '@/lib/zod/schemas/vibe';

/**
 * Saves changes to the caller's current vibe. With `basedOn` (the version the editor loaded), the
 * update only matches that version: when another tab saved first, it matches nothing and the
 * answer is a 409 carrying the vibe as that save left it, with nothing written. Two saves of one
 * version cannot both pass: the second waits for the first's row lock, then sees the new version.
 */
export async function updateVibe(
  tx: Queryable,
  { userId, changes, basedOn }: { userId: string; changes: Partial<VibeSettings>; basedOn?: number },
): Promise<Vibe> {
  await assertActiveAtoms(tx, { atomIds: changes.selectedAtoms, field: 'selectedAtoms' });
  const update = () => tx<VibeRow[]>`
    update public.vibe_configs set ${tx(settingsColumns(tx, changes))}
    where user_id = ${userId} and kind = 'current' ${basedOn === undefined ? tx`` : tx`and version = ${basedOn}`}
    returning ${tx(VIBE_COLUMNS)}`;
  const [row] = await update();
  if (row) return toVibe(row);
  // Nothing matched: either a newer version exists, or there is no current vibe (an account from
  // before it was guaranteed), which getVibe recreates at version 1.
  const current = await getVibe(tx, { userId });
  if (basedOn !== undefined && current.version !== basedOn) throw conflict(current);
  const [created] = await update();
  return toVibe(created!);
}

function conflict(current: Vibe): ApiError {
  const at = current.updatedAt.slice(0, 19).replace('T', ' ');
  return new ApiError(
    'conflict',
    `Another tab or device saved this vibe at ${at} UTC, after you opened it. Load that version to see it, then make your changes again.`,
    { current },
  );
}
