import type { Queryable } from '@/lib/db/client';
import type { AdminAtomStat } from '@/lib/zod/schemas/admin';

interface AtomStatRow {
  atom_id: string;
  name: string;
  category: string;
  version: number;
  is_active: boolean;
  usage_count: number;
  success_count: number;
  recent_rated: number;
  recent_approved: number;
  prior_rated: number;
  prior_approved: number;
}

const rateOf = (approved: number, rated: number) => (rated > 0 ? approved / rated : null);

/**
 * Every atom in use with its lifetime success rate (the counters feedback keeps) and its trend:
 * the approval rate of runs that used it, judged in the last 7 days, against the 7 before.
 */
export async function getAtomStats(tx: Queryable): Promise<AdminAtomStat[]> {
  const rows = await tx<AtomStatRow[]>`select * from private.admin_atom_stats()`;
  return rows.map((row) => {
    const last7Days = { rated: row.recent_rated, approved: row.recent_approved, rate: rateOf(row.recent_approved, row.recent_rated) };
    const previous7Days = { rated: row.prior_rated, approved: row.prior_approved, rate: rateOf(row.prior_approved, row.prior_rated) };
    return {
      id: row.atom_id,
      name: row.name,
      category: row.category,
      version: row.version,
      isActive: row.is_active,
      usageCount: row.usage_count,
      successCount: row.success_count,
      successRate: rateOf(row.success_count, row.usage_count),
      last7Days,
      previous7Days,
      trend: last7Days.rate !== null && previous7Days.rate !== null ? last7Days.rate - previous7Days.rate : null,
    };
  });
}
