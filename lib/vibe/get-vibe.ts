import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { toVibe, VIBE_COLUMNS, type VibeRow } from '@/lib/vibe/vibe-row';
import type { Vibe } from '@/lib/zod/schemas/vibe';

/** The caller's current vibe (the one kind = 'current' row the sign-up trigger creates). */
export async function getVibe(tx: Queryable, { userId }: { userId: string }): Promise<Vibe> {
  const [row] = await tx<VibeRow[]>`
    select ${tx(VIBE_COLUMNS)} from public.vibe_configs where user_id = ${userId} and kind = 'current'`;
  if (!row) throw new ApiError('not_found', 'No vibe exists for this account.');
  return toVibe(row);
}
