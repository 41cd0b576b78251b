import type { Queryable } from '@/lib/db/client';
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
  await tx`insert into public.vibe_configs (user_id, kind) values (${userId}, 'current') on conflict do nothing`;
  const [created] = await tx<VibeRow[]>`
    select ${tx(VIBE_COLUMNS)} from public.vibe_configs where user_id = ${userId} and kind = 'current'`;
  return toVibe(created!);
}
