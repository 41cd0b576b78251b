import type { Queryable } from '@/lib/db/client';

export interface AccountDataSummary {
  presets: number;
  runs: number;
  organizations: number;
}

/** How much the caller has stored, so the delete confirmation can say what will go. */
export async function getAccountDataSummary(tx: Queryable, { userId }: { userId: string }): Promise<AccountDataSummary> {
  const [row] = await tx<AccountDataSummary[]>`
    select
      (select count(*)::int from public.vibe_configs where user_id = ${userId} and kind = 'preset') as presets,
      (select count(*)::int from public.agent_runs where user_id = ${userId}) as runs,
      (select count(*)::int from public.organizations where owner_id = ${userId}) as organizations`;
  return row ?? { presets: 0, runs: 0, organizations: 0 };
}
