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
import { openRun } from '@/lib/runs/run-ledger';
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
 * Assembles the prompt, reserves the caller's usage and stores the run as running, in the caller's
 * transaction (RLS applies to every read). A refusal (429) or an invalid model (400) rolls the
 * whole transaction back, so nothing is half-written. Tokens are
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

  // The id is made here so that the caller learns it before the model is called. Reserving and
  // storing are one statement of the server's (the user's session may do neither): a refusal
  // stores nothing and rolls back with everything else.
  const id = randomUUID();
  const { period } = await openRun(tx, {
    id,
    userId,
    task: body.task,
    systemPrompt: assembly.systemPrompt,
    userPrompt: assembly.userPrompt,
    selectedAtomIds: assembly.selectedAtomIds,
    blendRecipe: assembly.blendRecipe as unknown as postgres.JSONValue,
    vibeSnapshot: vibe as unknown as postgres.JSONValue,
    provider: choice.provider.name,
    model: choice.model,
    outputType,
    price: choice.price,
    reservedTokens,
  });

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
