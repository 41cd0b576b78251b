import type { Queryable } from '@/lib/db/client';
import { RUN_LIST_COLUMNS, toRunListItem, type RunRow } from '@/lib/runs/run-row';
import type { ListRunsQuery, RunListItem } from '@/lib/zod/schemas/runs';

/**
 * The caller's run history, newest first, filtered by status, output type and creation time
 * (`from` inclusive, `to` exclusive). Keyset pagination on (created_at, id): the cursor is the id
 * of the last run of the previous page, so rows created meanwhile never shift a page.
 */
export async function listRuns(
  tx: Queryable,
  { userId, query }: { userId: string; query: ListRunsQuery },
): Promise<{ runs: RunListItem[]; nextCursor: string | null }> {
  const conditions = [tx`user_id = ${userId}`];
  if (query.status) conditions.push(tx`status = ${query.status}`);
  if (query.outputType) conditions.push(tx`output_type = ${query.outputType}`);
  if (query.from) conditions.push(tx`created_at >= ${query.from}::timestamptz`);
  if (query.to) conditions.push(tx`created_at < ${query.to}::timestamptz`);
  if (query.cursor) {
    conditions.push(tx`(created_at, id) < (select c.created_at, c.id from public.agent_runs c where c.id = ${query.cursor} and c.user_id = ${userId})`);
  }
  const where = conditions.reduce((all, next) => tx`${all} and ${next}`);
  const rows = await tx<Omit<RunRow, 'output'>[]>`
    select ${tx(RUN_LIST_COLUMNS)} from public.agent_runs
    where ${where}
    order by created_at desc, id desc
    limit ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  return { runs: page.map(toRunListItem), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}
