import { z } from 'zod';
import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { RUN_COLUMNS, toRun, type RunRow } from '@/lib/runs/run-row';
import { blendRecipeItemSchema, type BlendRecipeItem } from '@/lib/zod/schemas/assembly';
import type { Run } from '@/lib/zod/schemas/runs';

export interface RunDetail {
  run: Run;
  systemPrompt: string;
  userPrompt: string;
  /** The atoms the assembly chose for this run and why, as stored when it ran. */
  blendRecipe: BlendRecipeItem[];
}

const storedRecipe = z.array(blendRecipeItemSchema).catch([]);

type DetailRow = RunRow & { system_prompt: string; user_prompt: string; blend_recipe: unknown };

/**
 * One of the caller's runs with what it was asked: the assembled prompts and the atoms behind
 * them, in one read. Another user's run is invisible under RLS, so it is a 404 like an unknown id.
 */
export async function getRunDetail(tx: Queryable, { userId, runId }: { userId: string; runId: string }): Promise<RunDetail> {
  const [row] = await tx<DetailRow[]>`
    select ${tx([...RUN_COLUMNS, 'system_prompt', 'user_prompt', 'blend_recipe'])}
    from public.agent_runs where id = ${runId} and user_id = ${userId}`;
  if (!row) throw new ApiError('not_found', 'No run with this id exists.');
  return { run: toRun(row), systemPrompt: row.system_prompt, userPrompt: row.user_prompt, blendRecipe: storedRecipe.parse(row.blend_recipe) };
}
