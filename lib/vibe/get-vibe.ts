import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { toVibe, VIBE_COLUMNS, type VibeRow } from '@/lib/vibe/vibe-row';
import type { Vibe } from '@/lib/zod/schemas/vibe';

/**
 * The caller's current vibe (the one kind = 'current' row the sign-up trigger creates). An account
 * that has none (created before the trigger, or by a path that skipped it) gets the defaults back
 * here rather than failing every run and page for good.
 */
export async function getVibe(tx: Queryable, { userId }: { userId: string }): Promise<Vibe> {
  const [row] = await tx<VibeRow[]>`
    select ${tx(VIBE_COLUMNS)} from public.vibe_configs where user_id = ${userId} and kind = 'current'`;
  if (row) return toVibe(row);
  // Only for an account that still exists: a deleted account's access token verifies until it
  // expires, and its vibe must not come back (nor fail on the foreign key as a 500).
  const [created] = await tx<VibeRow[]>`
    insert into public.vibe_configs (user_id, kind)
    select ${userId}, 'current' where exists (select 1 from public.user_profiles where user_id = ${userId})
    on conflict do nothing
    returning ${tx(VIBE_COLUMNS)}`;
  if (created) return toVibe(created);
  const [concurrent] = await tx<VibeRow[]>`
    select ${tx(VIBE_COLUMNS)} from public.vibe_configs where user_id = ${userId} and kind = 'current'`;
  if (!concurrent) throw new ApiError('not_found', 'No account exists for this session. Sign in again.');
  return toVibe(concurrent);
}
