import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { columnList } from '@/lib/db/column-list';
import { sqlLiteral } from '@/lib/db/sql-literal';
import { RUN_COLUMNS, toRun, type RunRow } from '@/lib/runs/run-row';
import type { Run } from '@/lib/zod/schemas/runs';

const RUN_SELECT = columnList(RUN_COLUMNS);

/**
 * One of the caller's runs. Another user's run is invisible under RLS, so it is a 404 like an
 * unknown id. Every run ends by reading itself back, so the statement carries its values as
 * literals and is pipelined with the settlement (lib/db/sql-literal.ts).
 */
export async function getRun(tx: Queryable, { userId, runId }: { userId: string; runId: string }): Promise<Run> {
  const [row] = await tx.unsafe<RunRow[]>(`select ${RUN_SELECT} from public.agent_runs where id = ${sqlLiteral(runId)}::uuid and user_id = ${sqlLiteral(userId)}::uuid`);
  if (!row) throw new ApiError('not_found', 'No run with this id exists.');
  return toRun(row);
}
