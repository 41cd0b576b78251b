import { z } from 'zod';
import { FEEDBACK_VALUES, RUN_STATUSES } from '@/lib/zod/schemas/runs';

/** What a stored repository event is (PRODUCT.md capability 7). */
export const EVENT_TYPES = [
  'repo.pr.opened',
  'repo.pr.reopened',
  'repo.pr.synchronized',
  'repo.pr.merged',
  'repo.pr.closed',
  'repo.build.completed',
  'issue.created',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_STATES = ['received', 'processed', 'skipped', 'failed', 'dead'] as const;
export type EventState = (typeof EVENT_STATES)[number];

// GitHub's texts have no length limit of ours: they are cut to what a task needs, never refused,
// or a long pull request description would lose its event.
const text = (max: number) => z.string().transform((value) => value.slice(0, max));
const login = z.object({ login: text(100) }).nullish();

/** The parts of GitHub's payloads an event keeps; everything else in the body is dropped. */
export const githubRepositorySchema = z.object({ repository: z.object({ full_name: text(201) }) });

export const githubPullRequestSchema = z.object({
  action: text(50),
  number: z.number().int(),
  pull_request: z.object({
    title: text(300),
    html_url: text(500),
    body: text(2000).nullish(),
    merged: z.boolean().nullish(),
    user: login,
    head: z.object({ ref: text(255) }),
    base: z.object({ ref: text(255) }),
  }),
});

export const githubWorkflowRunSchema = z.object({
  action: text(50),
  workflow_run: z.object({
    name: text(200).nullish(),
    conclusion: text(50).nullish(),
    head_branch: text(255).nullish(),
    head_sha: text(64),
    html_url: text(500),
    run_number: z.number().int().nullish(),
  }),
});

export const githubCheckSuiteSchema = z.object({
  action: text(50),
  check_suite: z.object({
    conclusion: text(50).nullish(),
    head_branch: text(255).nullish(),
    head_sha: text(64),
    app: z.object({ name: text(200) }).nullish(),
  }),
});

export const githubIssueSchema = z.object({
  action: text(50),
  issue: z.object({
    number: z.number().int(),
    title: text(300),
    html_url: text(500),
    body: text(2000).nullish(),
    user: login,
  }),
});

/** An event's stored fields (background_events.payload), from which its task is written. */
export const eventFieldsSchema = z.strictObject({
  number: z.number().int().optional(),
  title: z.string().max(300).optional(),
  url: z.string().max(500).optional(),
  author: z.string().max(100).optional(),
  branch: z.string().max(255).optional(),
  baseBranch: z.string().max(255).optional(),
  sha: z.string().max(64).optional(),
  conclusion: z.string().max(50).optional(),
  workflow: z.string().max(200).optional(),
  body: z.string().max(2000).optional(),
});
export type EventFields = z.infer<typeof eventFieldsSchema>;

/** What POST /webhooks/code-repo answers GitHub. */
export const CODE_REPO_OUTCOMES = ['stored', 'duplicate', 'ignored', 'unknown_repository', 'pong'] as const;
export type CodeRepoOutcome = (typeof CODE_REPO_OUTCOMES)[number];
export const codeRepoAckSchema = z.object({ received: z.literal(true), outcome: z.enum(CODE_REPO_OUTCOMES), events: z.number().int() });

/** A queued job's data: only the event's id; the row holds the rest. */
export const eventJobSchema = z.object({ eventId: z.uuid() });
export type EventJob = z.infer<typeof eventJobSchema>;

/** owner/name as GitHub allows them (migration 023 checks the same): an account name, and a repository name other than . and .. */
export const REPOSITORY_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.\.?$)[A-Za-z0-9_.-]{1,100}$/;

/** POST /api/repositories */
export const connectRepositoryBodySchema = z.strictObject({
  fullName: z.string().trim().max(140).regex(REPOSITORY_NAME, 'must be owner/name, as in github.com/owner/name'),
});
export type ConnectRepositoryBody = z.infer<typeof connectRepositoryBodySchema>;

export const idParamsSchema = z.object({ id: z.uuid() });

export const repositorySchema = z.object({
  id: z.uuid(),
  fullName: z.string().max(140),
  createdAt: z.string(),
  /** The newest delivery stored for it, or null before the first. */
  lastEvent: z.object({ at: z.string(), eventType: z.enum(EVENT_TYPES), status: z.enum(EVENT_STATES) }).nullable(),
});
export type Repository = z.infer<typeof repositorySchema>;
export const repositoryListSchema = z.object({ repositories: z.array(repositorySchema).max(100) });

/** What the owner did with a suggestion: nothing yet, acted on it, or dismissed it. */
export const SUGGESTION_DECISIONS = ['pending', 'actioned', 'dismissed'] as const;
export type SuggestionDecision = (typeof SUGGESTION_DECISIONS)[number];
export const SUGGESTION_EXCERPT_CHARS = 280;

/** POST /api/runs/:id/suggestion: act on, dismiss, or (undo) put back a suggestion. */
export const suggestionDecisionBodySchema = z.strictObject({ decision: z.enum(SUGGESTION_DECISIONS) });
export type SuggestionDecisionBody = z.infer<typeof suggestionDecisionBodySchema>;
export const suggestionDecisionSchema = z.object({ runId: z.uuid(), threadId: z.uuid().nullable(), decision: z.enum(SUGGESTION_DECISIONS), decidedAt: z.string().nullable() });
export type SuggestionDecisionResult = z.infer<typeof suggestionDecisionSchema>;

/** GET /api/events: one stored delivery and what became of it. */
export const backgroundEventSchema = z.object({
  id: z.uuid(),
  eventType: z.enum(EVENT_TYPES),
  repository: z.string().max(201),
  status: z.enum(EVENT_STATES),
  reason: z.string().max(1000).nullable(),
  attempts: z.number().int(),
  fields: eventFieldsSchema,
  /** The suggestion it made (the newest run), if any. */
  suggestion: z
    .object({
      runId: z.uuid(),
      threadId: z.uuid().nullable(),
      runStatus: z.enum(RUN_STATUSES),
      decision: z.enum(SUGGESTION_DECISIONS),
      feedback: z.enum(FEEDBACK_VALUES).nullable(),
      /** The answer's headline and the start of its recommendation, once written. */
      headline: z.string().max(300).nullable(),
      excerpt: z.string().max(SUGGESTION_EXCERPT_CHARS + 1).nullable(),
    })
    .nullable(),
  createdAt: z.string(),
  processedAt: z.string().nullable(),
});
export type BackgroundEvent = z.infer<typeof backgroundEventSchema>;
export const EVENT_LIST_LIMIT = 50;
export const backgroundEventListSchema = z.object({ events: z.array(backgroundEventSchema).max(EVENT_LIST_LIMIT) });

/** POST /api/events/:id/retry */
export const eventRetrySchema = z.object({ queued: z.literal(true) });
