import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { RUN_COLUMNS, toRun, type RunRow } from '@/lib/runs/run-row';
import type { Run } from '@/lib/zod/schemas/runs';

/** One of the caller's runs. Another user's run is invisible under RLS, so it is a 404 like an unknown id. */
export async function getRun(tx: Queryable, { userId, runId }: { userId: string; runId: string }): Promise<Run> {
  const [row] = await tx<RunRow[]>`select ${tx(RUN_COLUMNS)} from public.agent_runs where id = ${runId} and user_id = ${userId}`;
  if (!row) throw new ApiError('not_found', 'No run with this id exists.');
  return toRun(row);
}
