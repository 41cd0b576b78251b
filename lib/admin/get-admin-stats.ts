import type { Queryable } from '@/lib/db/client';
import type { AdminStats } from '@/lib/zod/schemas/admin-stats';

/**
 * Product-wide counts for administrators. Runs and profiles are only visible to their owners
 * under RLS, so the counting happens in a SECURITY DEFINER function that checks admin itself.
 */
export async function getAdminStats(tx: Queryable): Promise<AdminStats> {
  const [row] = await tx<{ users: number; active_atoms: number; runs_total: number; runs_30d: number }[]>`
    select * from private.admin_stats()`;
  return {
    users: row!.users,
    activeAtoms: row!.active_atoms,
    runs: { total: row!.runs_total, last30Days: row!.runs_30d },
  };
}
