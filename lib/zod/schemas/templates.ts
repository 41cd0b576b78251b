import { z } from 'zod';
import { MILESTONES, OPTIMIZATION_LEVELS, SECURITY_LEVELS, TEMPLATE_PRIORITIES, TEMPLATE_STACKS, templateVariableSchema } from '@/lib/templates/catalog-schema';

/** The template catalog, customisations with their history, upstream rebases, ratings and analytics (issue 11). */

const MILESTONE_IDS = MILESTONES.map((milestone) => milestone.id) as [string, ...string[]];

export const MAX_CUSTOM_INSTRUCTIONS_CHARS = 5000;
export const MAX_RATING_COMMENT_CHARS = 2000;
export const MAX_CUSTOMIZATION_BODY_BYTES = 64 * 1024;

export const templateIdParamsSchema = z.object({ id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(60) });

export const TEMPLATE_SORTS = ['milestone', 'recommended', 'popular'] as const;

/** GET /api/templates */
export const listTemplatesQuerySchema = z.strictObject({
  milestone: z.enum(MILESTONE_IDS, 'must be one of the ten milestones, e.g. 01-initialization').optional(),
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  stack: z.enum(TEMPLATE_STACKS, `must be one of ${TEMPLATE_STACKS.join(', ')}`).optional(),
  priority: z.enum(TEMPLATE_PRIORITIES, `must be one of ${TEMPLATE_PRIORITIES.join(', ')}`).optional(),
  security: z.enum(SECURITY_LEVELS, `must be one of ${SECURITY_LEVELS.join(', ')}`).optional(),
  sort: z.enum(TEMPLATE_SORTS, `must be one of ${TEMPLATE_SORTS.join(', ')}`).default('milestone'),
});
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuerySchema>;

export const CUSTOMIZATION_STATES = ['none', 'customized', 'enabled'] as const;

/** The caller's customisation of a catalog entry, in brief: none, saved but disabled, or saved and in use. */
export const customizationStateSchema = z.object({
  state: z.enum(CUSTOMIZATION_STATES),
  version: z.int().nullable(),
  baseVersion: z.string().nullable(),
  /** The template has a newer version than the one the customisation was made on. */
  behindUpstream: z.boolean(),
});

export const templateSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  milestone: z.string(),
  priority: z.enum(TEMPLATE_PRIORITIES),
  tags: z.array(z.string()),
  stacks: z.array(z.string()),
  securityLevel: z.enum(SECURITY_LEVELS),
  optimizationLevel: z.enum(OPTIMIZATION_LEVELS),
  latestVersion: z.string(),
  dependencies: z.array(z.string()),
  uses: z.int(),
  rating: z.object({ average: z.number().nullable(), count: z.int() }),
  customization: customizationStateSchema,
  /** With sort=recommended: how well the template matches the caller's profile (higher first). */
  recommendationScore: z.number().nullable(),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

export const templateListSchema = z.object({ templates: z.array(templateSummarySchema) });
export type TemplateList = z.infer<typeof templateListSchema>;

/** The values a customisation may hold for variables; every value is checked against its variable's type. */
export const templateValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const customizationSchema = z.object({
  id: z.uuid(),
  templateId: z.string(),
  version: z.int(),
  baseVersion: z.string().nullable(),
  /** What the user set; a variable not here takes its default. */
  variables: z.record(z.string(), templateValueSchema),
  /** Every variable of the base version with the value a render uses. */
  values: z.record(z.string(), templateValueSchema),
  customInstructions: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customization = z.infer<typeof customizationSchema>;

const lineDiffSchema = z.object({
  lines: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), line: z.string() })),
  /** 2·(lines in common) / (lines of both sides): 1 for identical texts, 0 for nothing in common. */
  similarity: z.number().min(0).max(1),
});

export const upstreamChangesSchema = z.object({
  fromVersion: z.string(),
  toVersion: z.string(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  retyped: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
  optionsChanged: z.array(z.object({ name: z.string(), added: z.array(z.string()), removed: z.array(z.string()) })),
  /** Bounds, patterns, defaults or requiredness that changed (the type staying the same). */
  constraintsChanged: z.array(z.object({ name: z.string(), fields: z.array(z.string()) })),
  prompt: lineDiffSchema,
});
export type UpstreamChanges = z.infer<typeof upstreamChangesSchema>;

export const templateVersionInfoSchema = z.object({ version: z.string(), changelog: z.string(), createdAt: z.string() });

export const templateDetailSchema = z.object({
  template: templateSummarySchema.extend({ variables: z.array(templateVariableSchema), megaPrompt: z.string() }),
  /** Newest first. */
  versions: z.array(templateVersionInfoSchema),
  customization: customizationSchema.nullable(),
});
export type TemplateDetail = z.infer<typeof templateDetailSchema>;

/** GET /api/templates/:id/customization */
export const customizationViewSchema = z.object({
  customization: customizationSchema,
  baseVersion: z.string(),
  latestVersion: z.string(),
  /** What changed between the base version and the latest; null when the customisation is on the latest. */
  upstream: upstreamChangesSchema.nullable(),
});
export type CustomizationView = z.infer<typeof customizationViewSchema>;

const variablesBody = z
  .record(z.string().max(100), templateValueSchema.nullable())
  .refine((value) => Object.keys(value).length <= 50, 'at most 50 variables');
const instructionsBody = z.string().max(MAX_CUSTOM_INSTRUCTIONS_CHARS, `must be at most ${MAX_CUSTOM_INSTRUCTIONS_CHARS} characters`);

/** PUT /api/templates/:id/customization: the whole customisation; `expectedVersion` 0 creates it. */
export const putCustomizationBodySchema = z.strictObject({
  variables: variablesBody,
  customInstructions: instructionsBody.default(''),
  enabled: z.boolean().default(true),
  expectedVersion: z.int('must be the version you edited (0 for a new customisation)').min(0).max(1_000_000),
});
export type PutCustomizationBody = z.infer<typeof putCustomizationBodySchema>;

/** POST …/validate, …/preview and …/test: a draft; a field left out is taken from the saved customisation. */
export const draftCustomizationBodySchema = z.strictObject({
  variables: variablesBody.optional(),
  customInstructions: instructionsBody.optional(),
});
export type DraftCustomizationBody = z.infer<typeof draftCustomizationBodySchema>;

export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const validationResultSchema = z.object({ valid: z.boolean(), baseVersion: z.string(), errors: z.array(fieldErrorSchema) });

export const renderedSideSchema = z.object({ version: z.int().nullable(), baseVersion: z.string(), prompt: z.string() });
export const previewSchema = z.object({ base: renderedSideSchema, customized: renderedSideSchema, diff: lineDiffSchema });
export const testRenderSchema = z.object({ baseVersion: z.string(), values: z.record(z.string(), templateValueSchema), prompt: z.string() });

export const snapshotSchema = z.object({
  variables: z.record(z.string(), templateValueSchema).default({}),
  customInstructions: z.string().default(''),
  enabled: z.boolean().default(true),
  baseVersion: z.string().nullable().default(null),
});
export type CustomizationSnapshot = z.infer<typeof snapshotSchema>;

export const MAX_HISTORY_ENTRIES = 500;
export const historyEntrySchema = z.object({ version: z.int(), snapshot: snapshotSchema, changeSummary: z.string(), createdAt: z.string() });
export const historySchema = z.object({ history: z.array(historyEntrySchema) });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** `base` is the customisation's base version rendered with its defaults and no instructions. */
const diffSide = z.union([z.literal('base'), z.coerce.number().int('must be a version number or base').min(1).max(1_000_000)]);
export const diffQuerySchema = z.strictObject({ from: diffSide.default('base'), to: diffSide.optional() });

const diffSideInfo = z.object({ version: z.int().nullable(), baseVersion: z.string().nullable(), enabled: z.boolean().nullable() });
export const customizationDiffSchema = z.object({
  from: diffSideInfo,
  to: diffSideInfo,
  prompt: lineDiffSchema,
  values: lineDiffSchema.extend({
    changes: z.array(z.object({ name: z.string(), from: templateValueSchema.nullable(), to: templateValueSchema.nullable() })),
  }),
  instructions: lineDiffSchema,
});
export type CustomizationDiff = z.infer<typeof customizationDiffSchema>;

export const rollbackBodySchema = z.strictObject({
  toVersion: z.int('must be a version number').min(1).max(1_000_000),
  expectedVersion: z.int('must be the version you are looking at').min(1).max(1_000_000),
});

export const REBASE_ACTIONS = ['default', 'value', 'drop'] as const;
export const rebaseResolutionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('default') }),
  z.strictObject({ action: z.literal('drop') }),
  z.strictObject({ action: z.literal('value'), value: templateValueSchema }),
]);
export type RebaseResolution = z.infer<typeof rebaseResolutionSchema>;

/** POST …/rebase: without `resolutions` it answers the plan and writes nothing. */
export const rebaseBodySchema = z.strictObject({
  expectedVersion: z.int('must be the version you are looking at').min(1).max(1_000_000),
  toVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.2.0').optional(),
  resolutions: z
    .record(z.string().max(120), rebaseResolutionSchema)
    .refine((value) => Object.keys(value).length <= 60, 'at most 60 resolutions')
    .optional(),
});
export type RebaseBody = z.infer<typeof rebaseBodySchema>;

export const rebaseConflictSchema = z.object({
  /** `variables.<name>` or `customInstructions`: the key of its resolution. */
  field: z.string(),
  reason: z.enum(['removed', 'invalid']),
  message: z.string(),
  value: z.union([templateValueSchema, z.null()]),
  /** The variable in the new version (null when it was removed). */
  variable: templateVariableSchema.nullable(),
});

export const rebasePlanSchema = z.object({
  fromVersion: z.string(),
  toVersion: z.string(),
  kept: z.array(z.string()),
  newDefaults: z.array(z.string()),
  conflicts: z.array(rebaseConflictSchema),
  upstream: upstreamChangesSchema,
});
export type RebasePlan = z.infer<typeof rebasePlanSchema>;

export const rebaseResultSchema = z.object({ applied: z.boolean(), plan: rebasePlanSchema, customization: customizationSchema.nullable() });
export type RebaseResult = z.infer<typeof rebaseResultSchema>;

/** PUT /api/templates/:id/rating */
export const rateTemplateBodySchema = z.strictObject({
  rating: z.int('must be a whole number from 1 to 5').min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5'),
  comment: z.string().trim().max(MAX_RATING_COMMENT_CHARS, `must be at most ${MAX_RATING_COMMENT_CHARS} characters`).default(''),
});
export const ratingSchema = z.object({ templateId: z.string(), rating: z.int(), comment: z.string(), updatedAt: z.string() });

export const templateAnalyticsSchema = z.object({
  templateId: z.string(),
  uses: z.int(),
  users: z.int(),
  yourUses: z.int(),
  rating: z.object({ average: z.number().nullable(), count: z.int(), yours: z.int().nullable() }),
  runs: z.object({
    count: z.int(),
    succeeded: z.int(),
    approved: z.int(),
    rejected: z.int(),
    revised: z.int(),
    /** approved / runs with feedback; null before any feedback. */
    successRate: z.number().nullable(),
    averageTokens: z.number().nullable(),
    averageLatencyMs: z.number().nullable(),
  }),
});
export type TemplateAnalytics = z.infer<typeof templateAnalyticsSchema>;
