import type { Queryable } from '@/lib/db/client';
import type { TemplateStatsRow } from '@/lib/templates/template-summary';

/** Uses and ratings across all users, as counts only (private.template_catalog_stats is SECURITY DEFINER and returns no rows of anyone). */
export async function templateStats(tx: Queryable, templateId?: string): Promise<Map<string, TemplateStatsRow>> {
  const rows = await tx<TemplateStatsRow[]>`
    select template_id, uses::int as uses, users::int as users, rating_avg::float8 as rating_avg, rating_count::int as rating_count
    from private.template_catalog_stats()
    ${templateId === undefined ? tx`` : tx`where template_id = ${templateId}`}`;
  return new Map(rows.map((row) => [row.template_id, row]));
}
