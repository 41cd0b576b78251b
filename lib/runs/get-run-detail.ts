import type { Queryable } from '@/lib/db/client';
import { getRun } from '@/lib/runs/get-run';
import { blendRecipeItemSchema, type BlendRecipeItem } from '@/lib/zod/schemas/assembly';
import type { Run } from '@/lib/zod/schemas/runs';
import { z } from 'zod';

export interface RunDetail {
  run: Run;
  systemPrompt: string;
  userPrompt: string;
  /** The atoms the assembly chose for this run and why, as stored when it ran. */
  blendRecipe: BlendRecipeItem[];
}

const storedRecipe = z.array(blendRecipeItemSchema).catch([]);

/** One of the caller's runs with what it was asked: the assembled prompts and the atoms behind them. */
export async function getRunDetail(tx: Queryable, { userId, runId }: { userId: string; runId: string }): Promise<RunDetail> {
  const run = await getRun(tx, { userId, runId });
  const [row] = await tx<{ system_prompt: string; user_prompt: string; blend_recipe: unknown }[]>`
    select system_prompt, user_prompt, blend_recipe from public.agent_runs where id = ${runId} and user_id = ${userId}`;
  return { run, systemPrompt: row!.system_prompt, userPrompt: row!.user_prompt, blendRecipe: storedRecipe.parse(row!.blend_recipe) };
}
