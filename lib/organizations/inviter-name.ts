import type { Queryable } from '@/lib/db/client';

/** How an invitation names who sent it: their display name, or "A teammate" without one (never their address). */
export async function inviterName(tx: Queryable, { userId }: { userId: string }): Promise<string> {
  const [profile] = await tx<{ display_name: string | null }[]>`select display_name from public.user_profiles where user_id = ${userId}`;
  return profile?.display_name?.trim() || 'A teammate';
}
