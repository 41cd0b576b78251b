import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { ApiError } from '@/lib/api/errors';
import { assemblePrompt } from '@/lib/assembly/assemble-prompt';
import { AssemblyInputError } from '@/lib/assembly/errors';
import { countTokens, type TokenEncoding } from '@/lib/assembly/token-count';
import { loadActiveAtoms } from '@/lib/atoms/load-active-atoms';
import type { Queryable } from '@/lib/db/client';
import { columnList } from '@/lib/db/column-list';
import type { CommitInline } from '@/lib/db/pipelined-transaction';
import type { ServerEnv } from '@/lib/env';
import type { ModelName } from '@/lib/llm/prices';
import type { LlmProvider } from '@/lib/llm/provider';
import { selectProvider } from '@/lib/llm/select-provider';
import { isForeignKeyViolation } from '@/lib/api/database-errors';
import { sqlLiteral } from '@/lib/db/sql-literal';
import { PROFILE_COLUMNS, toProfile, type ProfileRow } from '@/lib/profile/get-profile';
import { resolveOutputType } from '@/lib/runs/resolve-output-type';
import { completionRequest } from '@/lib/runs/completion-request';
import { startCompletion, type EarlyCompletion } from '@/lib/runs/early-completion';
import { attachRunTemplates, openRun } from '@/lib/runs/run-ledger';
import { generatePrompt } from '@/lib/templates/generate-prompt';
import { recordTemplateUses } from '@/lib/templates/record-template-uses';
import { selectThreadContext, type ThreadTurn } from '@/lib/threads/thread-context';
import { loadThreadTurns, threadTurnReads, type ThreadTurns } from '@/lib/threads/load-thread-turns';
import { titleFromTask } from '@/lib/threads/thread-row';
import { getVibe } from '@/lib/vibe/get-vibe';
import { toVibe, VIBE_COLUMNS, type VibeRow } from '@/lib/vibe/vibe-row';
import type { CreateRunBody, OutputType, Price, ThreadContext } from '@/lib/zod/schemas/runs';
import type { GeneratedPrompt, UsedTemplate } from '@/lib/zod/schemas/template-prompts';

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
  threadId: string;
  /** The earlier turns the model is given, oldest first, and how they were chosen. */
  history: ThreadTurn[];
  threadContext: ThreadContext;
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
  /** The template versions its prompt was given (none when no templateIds were sent). */
  templates: UsedTemplate[];
  /** The provider call, when it was started while the reservation was stored (`startEarly`). */
  startedCompletion: EarlyCompletion | null;
}

const PROFILE_SELECT = columnList(PROFILE_COLUMNS);
const VIBE_SELECT = columnList(VIBE_COLUMNS);

/**
 * The caller's profile and current vibe, as getProfile and getVibe read them, and for a follow-up
 * the conversation's turns (threadTurnReads), all in one simple-protocol message of statements
 * without bind parameters (lib/db/sql-literal.ts): one parse and one answer for them all, in the
 * same network write as BEGIN and the atoms' fingerprint. An account without a vibe row takes
 * getVibe's path, which creates it.
 */
async function readProfileVibeAndTurns(tx: Queryable, userId: string, turnReads: ReturnType<typeof threadTurnReads> | null, withHeadroom: boolean) {
  const user = `${sqlLiteral(userId)}::uuid`;
  const statements = [
    `select ${PROFILE_SELECT} from public.user_profiles where user_id = ${user}`,
    `select ${VIBE_SELECT} from public.vibe_configs where user_id = ${user} and kind = 'current'`,
    // Where the run's three counters stand against the plan, as reserve_usage will count them.
    ...(withHeadroom
      ? [
          `select m.metric, l.quota::text as quota, coalesce(u.count, 0)::text as count
           from public.user_profiles p
           cross join unnest(array['runs', 'tokens', 'daily_tokens']) as m(metric)
           cross join lateral private.plan_limit(p.subscription_tier, m.metric) l
           left join public.usage_metrics u
             on u.user_id = p.user_id and u.metric_type = m.metric and u.period_start = private.period_start(l.period)
           where p.user_id = ${user}`,
        ]
      : []),
    ...(turnReads?.statements ?? []),
  ];
  const [profiles, vibes, ...rest] = (await tx.unsafe(statements.join('; ')).simple()) as unknown as [ProfileRow[], VibeRow[], ...unknown[][]];
  if (!profiles[0]) throw new ApiError('not_found', 'No profile exists for this account.');
  const headroom = withHeadroom ? (rest.shift() as CounterRow[]) : [];
  const thread = turnReads ? turnReads.toTurns(rest) : null;
  return { profile: toProfile(profiles[0]), vibe: vibes[0] ? toVibe(vibes[0]) : await getVibe(tx, { userId }), thread, headroom };
}

interface CounterRow {
  metric: string;
  /** Null: no limit on this plan. */
  quota: string | null;
  count: string;
}

/**
 * Whether the counters leave room for this reservation twice over: then it will be granted unless
 * another run of the same user takes that much at the same moment, so the provider call may start
 * before it is stored. Near a limit the call waits for the reservation, so a refused run never
 * reaches the provider there.
 */
function roomForTwo(counters: readonly CounterRow[], tokens: number): boolean {
  if (counters.length !== 3) return false;
  return counters.every(({ metric, quota, count }) => quota === null || Number(count) + 2 * (metric === 'runs' ? 1 : tokens) <= Number(quota));
}

/**
 * Assembles the prompt (with the templates in `templateIds`, if any), reserves the caller's usage
 * (and one "templates" use when templates are attached) and stores the run as running, in the caller's
 * transaction (RLS applies to every read). A refusal (429) or an invalid model (400) rolls the
 * whole transaction back, so nothing is half-written. Tokens are
 * reserved for the worst case: the prompt plus the full answer budget, which the provider is held
 * to (max_completion_tokens), so concurrent runs cannot take a user past the limit.
 */
export async function createRun(
  tx: Queryable,
  {
    userId,
    body,
    env,
    commitInline,
    startEarly = false,
  }: {
    userId: string;
    body: CreateRunBody;
    env: ServerEnv;
    commitInline?: CommitInline;
    /**
     * For a run executed as soon as this returns (the chat's): start the provider call while the
     * reservation is stored when the counters leave ample room (roomForTwo), and abort it if the
     * reservation is refused after all.
     */
    startEarly?: boolean;
  },
): Promise<CreatedRun> {
  // The id is made here so that the caller learns it before the model is called.
  const id = randomUUID();
  const followUp = body.threadId !== undefined || body.regenerates !== undefined;
  // A follow-up reads the turns it carries with the other reads (one that regenerates an answer
  // first finds that answer's conversation); a new conversation is created by open_run with the
  // run, once its reservation is granted.
  const turnReads = body.threadId !== undefined && body.regenerates === undefined ? threadTurnReads({ userId, threadId: body.threadId }) : null;
  const regenerateWork: Promise<ThreadTurns | null> =
    body.regenerates !== undefined ? loadThreadTurns(tx, { userId, threadId: body.threadId, regenerates: body.regenerates }) : Promise.resolve(null);
  // Templates apply to the run they are sent with; a follow-up carries earlier turns, not their templates.
  const templateWork: Promise<GeneratedPrompt | null> = body.templateIds
    ? generatePrompt(tx, { userId, task: null, templateIds: body.templateIds })
    : Promise.resolve(null);
  // The atoms' small fingerprint query is queued before the larger message, so that both go out
  // in one network write with BEGIN (the driver writes once its buffer passes 1 KiB).
  const atomsWork = loadActiveAtoms(tx);
  const [{ profile, vibe: storedVibe, thread: continued, headroom }, atoms, regenerated, templates] = await Promise.all([
    readProfileVibeAndTurns(tx, userId, turnReads, startEarly && !body.templateIds),
    atomsWork,
    regenerateWork,
    templateWork,
  ]);
  const thread: ThreadTurns = continued ?? regenerated ?? { threadId: id, turns: [], totalTurns: 0 };
  const model = body.inputFilter?.model ?? profile.preferredModels[0] ?? env.OPENAI_MODEL;
  const choice = selectProvider(env, { model, provider: body.inputFilter?.provider });
  const { updatedAt: _updatedAt, ...vibe } = storedVibe;

  let assembly: ReturnType<typeof assemblePrompt>;
  try {
    assembly = assemblePrompt({ task: body.task, profile, vibe, atoms, inputFilter: { ...body.inputFilter, model }, templates: templates?.prompt });
  } catch (error) {
    if (error instanceof AssemblyInputError) {
      // Stored text written before today's limits: say which field to shorten instead of a 500.
      throw new ApiError('validation_failed', `${error.field}: must be at most ${error.limit} characters; shorten it in your profile or vibe.`);
    }
    throw error;
  }

  const outputType = body.outputType === 'auto' ? resolveOutputType(body.task) : body.outputType;
  const maxTokens = body.inputFilter?.maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  const encoding = assembly.tokenEstimate.encoding as TokenEncoding;
  const { turns: history, context: threadContext } = selectThreadContext(thread.turns, {
    count: (text) => countTokens(text, encoding),
    totalTurns: thread.totalTurns,
  });
  const promptTokens = assembly.tokenEstimate.total + threadContext.usedTokens + PROMPT_OVERHEAD_TOKENS;
  const reservedTokens = promptTokens + maxTokens;
  const temperature = body.inputFilter?.temperature ?? null;
  // The counters are read only for a run that may start early (startEarly, and no templates: they
  // take a reservation of their own after the run's); for any other, `headroom` is empty.
  const startedCompletion =
    roomForTwo(headroom, reservedTokens)
      ? startCompletion(
          choice.provider,
          completionRequest({ systemPrompt: assembly.systemPrompt, userPrompt: assembly.userPrompt, model: choice.model, maxTokens, temperature, outputType, task: body.task, history }),
        )
      : null;

  // The provider's request goes on the wire first: the reservation's write (a few kilobytes) would
  // otherwise go out ahead of it, in the time to the first token. The SDK hands its request to
  // the socket on its second turn of the event loop (openai 6 over undici).
  if (startedCompletion) await startedCompletion.dispatched;
  // Reserving and storing are one statement of the server's (the user's session may do neither):
  // a refusal stores nothing and rolls back with everything else.
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
    threadId: thread.threadId,
    threadContext,
    replacesRunId: body.regenerates ?? null,
    newThreadTitle: followUp ? null : titleFromTask(body.task),
    // Without templates nothing is written after it, so it commits the transaction as it goes: a
    // refusal has written nothing to commit (at most the default vibe row getVibe creates).
  }, { commitInline: templates ? undefined : commitInline }).catch((error: unknown) => {
    // Refused (or the conversation is gone): a call started early ends here, unread.
    startedCompletion?.abandon();
    // The conversation was deleted while this follow-up was being prepared.
    if (isForeignKeyViolation(error)) throw new ApiError('not_found', 'No conversation with this id exists.');
    throw error;
  });
  if (templates) {
    // After the run's own reservations (runs, tokens, the daily cap), always in that order, so two
    // requests of one user take the counters' locks in the same order.
    await attachRunTemplates(tx, { runId: id, userId, templates: templates.templates });
    await recordTemplateUses(tx, { userId, templates: templates.templates, runId: id });
  }

  return {
    id,
    userId,
    task: body.task,
    outputType,
    threadId: thread.threadId,
    history,
    threadContext,
    systemPrompt: assembly.systemPrompt,
    userPrompt: assembly.userPrompt,
    provider: choice.provider,
    model: choice.model,
    price: choice.price,
    maxTokens,
    temperature,
    promptTokens,
    encoding,
    reservedTokens,
    usagePeriod: period,
    templates: templates?.templates ?? [],
    startedCompletion,
  };
}
