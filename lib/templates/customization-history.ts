import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { CUSTOMIZATION_NOT_FOUND } from '@/lib/templates/customization-row';
import { MAX_HISTORY_ENTRIES, snapshotSchema, type HistoryEntry } from '@/lib/zod/schemas/templates';

interface HistoryRow {
  version: number;
  snapshot: unknown;
  change_summary: string;
  created_at: Date;
}

/** Every saved version of the caller's customisation, newest first (404 when there is none). */
export async function customizationHistory(tx: Queryable, { userId, templateId }: { userId: string; templateId: string }): Promise<HistoryEntry[]> {
  const [customization] = await tx<{ id: string }[]>`
    select id from public.user_template_customizations where user_id = ${userId} and template_id = ${templateId}`;
  if (!customization) throw new ApiError('not_found', CUSTOMIZATION_NOT_FOUND);
  const rows = await tx<HistoryRow[]>`
    select version, snapshot, change_summary, created_at from public.template_customization_history
    where customization_id = ${customization.id} and user_id = ${userId}
    order by version desc limit ${MAX_HISTORY_ENTRIES}`;
  return rows.map((row) => ({
    version: row.version,
    snapshot: snapshotSchema.parse(row.snapshot),
    changeSummary: row.change_summary,
    createdAt: row.created_at.toISOString(),
  }));
}
