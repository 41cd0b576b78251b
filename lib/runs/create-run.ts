import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { ApiError } from '@/lib/api/errors';
import { assemblePrompt } from '@/lib/assembly/assemble-prompt';
import { AssemblyInputError } from '@/lib/assembly/errors';
import type { TokenEncoding } from '@/lib/assembly/token-count';
import { loadActiveAtoms } from '@/lib/atoms/load-active-atoms';
import type { Queryable } from '@/lib/db/client';
import type { ServerEnv } from '@/lib/env';
import type { ModelName } from '@/lib/llm/prices';
import type { LlmProvider } from '@/lib/llm/provider';
import { selectProvider } from '@/lib/llm/select-provider';
import { getProfile } from '@/lib/profile/get-profile';
import { resolveOutputType } from '@/lib/runs/resolve-output-type';
import { reserveUsage } from '@/lib/usage/reserve-usage';
import { getVibe } from '@/lib/vibe/get-vibe';
import type { CreateRunBody, OutputType, Price } from '@/lib/zod/schemas/runs';

/** The answer's token budget when the input filter sets none; the provider is held to it. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;
/**
 * Input the provider counts beyond the two prompts: message framing and the response format's
 * JSON schema (the largest, code, is about 150 tokens). Only the reservation uses it; the run is
 * settled with the provider's own count.
 */
const PROMPT_OVERHEAD_TOKENS = 512;

/** A stored run, started, and everything executing it needs. */
export interface CreatedRun {
  id: string;
  userId: string;
  task: string;
  outputType: OutputType;
  systemPrompt: string;
  userPrompt: string;
  provider: LlmProvider;
  model: ModelName;
  price: Price;
  maxTokens: number;
  temperature: number | null;
  /** Estimated prompt tokens: used to settle a run whose provider reported no usage. */
  promptTokens: number;
  encoding: TokenEncoding;
  /** Tokens reserved against the monthly limit, and the period they were reserved in. */
  reservedTokens: number;
  usagePeriod: string;
}

/**
 * Assembles the prompt, reserves the caller's usage, stores the run as queued and starts it, in the
 * caller's transaction (RLS applies). The reservation comes before the insert, and a refusal (429)
 * or an invalid model (400) rolls the whole transaction back, so nothing is half-written. Tokens are
 * reserved for the worst case: the prompt plus the full answer budget, which the provider is held
 * to (max_completion_tokens), so concurrent runs cannot take a user past the limit.
 */
export async function createRun(tx: Queryable, { userId, body, env }: { userId: string; body: CreateRunBody; env: ServerEnv }): Promise<CreatedRun> {
  const [profile, storedVibe, atoms] = await Promise.all([getProfile(tx, { userId }), getVibe(tx, { userId }), loadActiveAtoms(tx)]);
  const model = body.inputFilter?.model ?? profile.preferredModels[0] ?? env.OPENAI_MODEL;
  const choice = selectProvider(env, { model, provider: body.inputFilter?.provider });
  const { updatedAt: _updatedAt, ...vibe } = storedVibe;

  let assembly: ReturnType<typeof assemblePrompt>;
  try {
    assembly = assemblePrompt({ task: body.task, profile, vibe, atoms, inputFilter: { ...body.inputFilter, model } });
  } catch (error) {
    if (error instanceof AssemblyInputError) {
      // Stored text written before today's limits: say which field to shorten instead of a 500.
      throw new ApiError('validation_failed', `${error.field}: must be at most ${error.limit} characters; shorten it in your profile or vibe.`);
    }
    throw error;
  }

  const outputType = body.outputType === 'auto' ? resolveOutputType(body.task) : body.outputType;
  const maxTokens = body.inputFilter?.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  const promptTokens = assembly.tokenEstimate.total + PROMPT_OVERHEAD_TOKENS;
  const reservedTokens = promptTokens + maxTokens;

  // One round trip for three statements: the reservation, the queued run and its start. A refusal
  // is thrown once they have all run, and rolls the insert back with everything else. The id is
  // made here so that the start can name the run in the same batch.
  const id = randomUUID();
  // reserveUsage sends its statement when called, so it goes first; the other two follow in order.
  const [{ period }] = await Promise.all([
    reserveUsage(tx, { tokens: reservedTokens }),
    tx`
      insert into public.agent_runs (
        id, user_id, trigger, task, system_prompt, user_prompt, selected_atoms, blend_recipe, vibe_snapshot,
        provider, model, output_type, price
      ) values (
        ${id}, ${userId}, 'manual', ${body.task}, ${assembly.systemPrompt}, ${assembly.userPrompt}, ${assembly.selectedAtomIds}::uuid[],
        ${tx.json(assembly.blendRecipe as unknown as postgres.JSONValue)}, ${tx.json(vibe as unknown as postgres.JSONValue)},
        ${choice.provider.name}, ${choice.model}, ${outputType}, ${tx.json(choice.price)}
      )`,
    // queued → running: the provider is called as soon as this transaction commits.
    tx`select private.start_run(${id})`,
  ]);

  return {
    id,
    userId,
    task: body.task,
    outputType,
    systemPrompt: assembly.systemPrompt,
    userPrompt: assembly.userPrompt,
    provider: choice.provider,
    model: choice.model,
    price: choice.price,
    maxTokens,
    temperature: body.inputFilter?.temperature ?? null,
    promptTokens,
    encoding: assembly.tokenEstimate.encoding as TokenEncoding,
    reservedTokens,
    usagePeriod: period,
  };
}
