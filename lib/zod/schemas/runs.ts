import { z } from 'zod';
import { inputFilterSchema, MAX_TASK_CHARS } from '@/lib/zod/schemas/assembly';
import { templateIdsSchema, usedTemplateSchema } from '@/lib/zod/schemas/template-prompts';

/**
 * Agent runs: what a user asks for, the typed results a model must return, the stored run and its
 * feedback. The output schemas are sent to the model as structured-output JSON schemas and checked
 * again on the answer, so their `.max()` bounds hold for every stored output.
 */

export const OUTPUT_TYPES = ['content', 'agent_scaffold', 'workflow', 'code', 'insight'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

const text = (max: number) => z.string().max(max);

export const contentOutputSchema = z.strictObject({
  title: text(200),
  body: text(20_000),
});

export const agentScaffoldOutputSchema = z.strictObject({
  name: text(100),
  goal: text(1000),
  tools: z.array(text(200)).max(20),
  steps: z.array(text(1000)).max(30),
});

export const workflowOutputSchema = z.strictObject({
  name: text(100),
  trigger: text(500),
  steps: z.array(z.strictObject({ name: text(100), action: text(1000) })).max(30),
});

export const codeOutputSchema = z.strictObject({
  language: text(40),
  files: z.array(z.strictObject({ path: text(300), contents: text(50_000) })).max(20),
  notes: text(4000),
});

export const insightOutputSchema = z.strictObject({
  headline: text(300),
  findings: z.array(text(1000)).max(20),
  recommendation: text(4000),
});

export const OUTPUT_SCHEMAS = {
  content: contentOutputSchema,
  agent_scaffold: agentScaffoldOutputSchema,
  workflow: workflowOutputSchema,
  code: codeOutputSchema,
  insight: insightOutputSchema,
} as const satisfies Record<OutputType, z.ZodType>;

export type RunOutputs = { [K in OutputType]: z.infer<(typeof OUTPUT_SCHEMAS)[K]> };
export const runOutputSchema = z.union([
  contentOutputSchema,
  agentScaffoldOutputSchema,
  workflowOutputSchema,
  codeOutputSchema,
  insightOutputSchema,
]);
export type RunOutput = z.infer<typeof runOutputSchema>;

/** Human names, for messages such as "did not match the agent scaffold format". */
export const OUTPUT_TYPE_LABELS: Record<OutputType, string> = {
  content: 'content',
  agent_scaffold: 'agent scaffold',
  workflow: 'workflow',
  code: 'code',
  insight: 'insight',
};

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['manual', 'voice', 'api', 'extension', 'background_event'] as const;
export const FEEDBACK_VALUES = ['approved', 'rejected', 'revised'] as const;
export type Feedback = (typeof FEEDBACK_VALUES)[number];
export const PROVIDERS = ['openai', 'offline'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** POST /api/runs. `outputType: 'auto'` picks one from the task (lib/runs/resolve-output-type.ts). */
export const createRunBodySchema = z.strictObject({
  task: z.string().trim().min(1, 'describe the task').max(MAX_TASK_CHARS, `must be at most ${MAX_TASK_CHARS} characters`),
  outputType: z.enum([...OUTPUT_TYPES, 'auto']).default('auto'),
  inputFilter: inputFilterSchema.optional(),
  /** A follow-up in this conversation; without it the run starts a new one. */
  threadId: z.uuid('must be the id of one of your conversations').optional(),
  /** Answer this earlier run of the thread again: the new run sees only the turns before it. */
  regenerates: z.uuid('must be the id of a run in this conversation').optional(),
  /**
   * Catalog templates to follow (1–10), combined into this run's prompt after the task; the run
   * counts one "templates" use and records the versions. They apply to this run only: a
   * follow-up or a regenerated answer has the templates it is sent with.
   */
  templateIds: templateIdsSchema.optional(),
});
export type CreateRunBody = z.infer<typeof createRunBodySchema>;

export const priceSchema = z.object({
  inputPerMTok: z.number(),
  cachedInputPerMTok: z.number(),
  outputPerMTok: z.number(),
});
export type Price = z.infer<typeof priceSchema>;

/**
 * The earlier turns of its conversation a run was given, within a token budget: the newest turns
 * that fit, in order; older ones are left out whole, never cut mid-answer.
 */
export const threadContextSchema = z.object({
  budgetTokens: z.int(),
  usedTokens: z.int(),
  runIds: z.array(z.uuid()),
  omittedTurns: z.int(),
});
export type ThreadContext = z.infer<typeof threadContextSchema>;

export const runSchema = z.object({
  id: z.uuid(),
  threadId: z.uuid().nullable(),
  replacesRunId: z.uuid().nullable(),
  threadContext: threadContextSchema.nullable(),
  /** The answer as it had arrived: while running, and kept when a run was stopped or failed. */
  partialOutput: z.string().nullable(),
  status: z.enum(RUN_STATUSES),
  trigger: z.enum(RUN_TRIGGERS),
  task: z.string(),
  outputType: z.enum(OUTPUT_TYPES).nullable(),
  output: runOutputSchema.nullable(),
  error: z.string().nullable(),
  provider: z.string(),
  model: z.string(),
  inputTokens: z.int(),
  cachedInputTokens: z.int(),
  outputTokens: z.int(),
  costUsd: z.number(),
  price: priceSchema.nullable(),
  latencyMs: z.int().nullable(),
  selectedAtoms: z.array(z.uuid()),
  /** The template versions its prompt was given, in prompt order; empty for a run without templates. */
  templates: z.array(usedTemplateSchema),
  feedback: z.enum(FEEDBACK_VALUES).nullable(),
  feedbackDetail: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Run = z.infer<typeof runSchema>;

/** History rows leave out the output (up to a megabyte for code); GET /api/runs/[id] has it. */
export const runListItemSchema = runSchema.omit({ output: true, partialOutput: true });
export type RunListItem = z.infer<typeof runListItemSchema>;

export const MAX_RUNS_PAGE = 100;

/** GET /api/runs: newest first; `cursor` is the id of the last run of the previous page. */
export const listRunsQuerySchema = z.strictObject({
  status: z.enum(RUN_STATUSES).optional(),
  outputType: z.enum(OUTPUT_TYPES).optional(),
  from: z.iso.datetime({ offset: true, message: 'must be an ISO date-time such as 2026-01-31T00:00:00Z' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO date-time such as 2026-01-31T00:00:00Z' }).optional(),
  limit: z.coerce.number().int('must be a whole number').min(1).max(MAX_RUNS_PAGE, `must be at most ${MAX_RUNS_PAGE}`).default(20),
  cursor: z.uuid('must be the nextCursor of a previous page').optional(),
});
export type ListRunsQuery = z.infer<typeof listRunsQuerySchema>;

export const runListSchema = z.object({ runs: z.array(runListItemSchema), nextCursor: z.uuid().nullable() });

export const runIdParamsSchema = z.object({ id: z.uuid() });

export const MAX_FEEDBACK_DETAIL_CHARS = 2000;

/** POST /api/runs/[id]/feedback. A revision says what had to change, so its detail is required. */
export const feedbackBodySchema = z
  .strictObject({
    feedback: z.enum(FEEDBACK_VALUES),
    detail: z.string().trim().max(MAX_FEEDBACK_DETAIL_CHARS, `must be at most ${MAX_FEEDBACK_DETAIL_CHARS} characters`).optional(),
  })
  .refine((body) => body.feedback !== 'revised' || (body.detail ?? '').length > 0, {
    path: ['detail'],
    message: 'say what you revised (required when feedback is "revised")',
  });
export type FeedbackBody = z.infer<typeof feedbackBodySchema>;

/** Codes of a run that ended in failure, sent in the stream's error event. */
export const RUN_ERROR_CODES = [
  'provider_rate_limited',
  'provider_error',
  'provider_timeout',
  'provider_unreachable',
  'invalid_output',
  'internal_error',
] as const;
export type RunErrorCode = (typeof RUN_ERROR_CODES)[number];

/**
 * POST /api/runs answers application/x-ndjson, one event a line: first `run` (the id, at once),
 * then `delta`s of the model's answer, then exactly one of `done` or `error`.
 */
export const runStreamEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run'),
    run: z.object({
      id: z.uuid(),
      model: z.string(),
      provider: z.string(),
      status: z.enum(RUN_STATUSES),
      outputType: z.enum(OUTPUT_TYPES),
      threadId: z.uuid(),
      threadContext: threadContextSchema,
    }),
  }),
  z.object({ type: z.literal('delta'), text: z.string() }),
  z.object({ type: z.literal('done'), run: runSchema }),
  // run is null only when the run could not be stored at all.
  z.object({ type: z.literal('error'), error: z.object({ code: z.enum(RUN_ERROR_CODES), message: z.string() }), run: runSchema.nullable() }),
]);
export type RunStreamEvent = z.infer<typeof runStreamEventSchema>;

/** POST /api/voice/transcribe: the transcript, to put in the task box. */
export const transcriptionSchema = z.object({ text: z.string() });

/**
 * The longest recording dictation takes: the composer stops recording there, and the API refuses
 * a longer declared length before anything is reserved or sent on. Ten minutes is far beyond a
 * task, and bounds what one upload can reserve against the monthly voice allowance.
 */
export const MAX_RECORDING_SECONDS = 600;
