import { z } from 'zod';
import { vibeSettingsSchema } from '@/lib/zod/schemas/vibe';

export const PROMPT_STYLES = ['concise', 'detailed', 'step_by_step', 'chain_of_thought', 'few_shot', 'bullet_points'] as const;
export const OUTPUT_FORMATS = ['markdown', 'plain_text', 'json', 'bullet_list', 'table'] as const;
/** A task longer than this is refused (413), never truncated. */
export const MAX_TASK_CHARS = 8000;

export const inputFilterSchema = z.strictObject({
  provider: z.string().trim().min(1).max(40).optional(),
  model: z.string().trim().min(1).max(100).optional(),
  style: z.enum(PROMPT_STYLES).optional(),
  outputFormat: z.enum(OUTPUT_FORMATS).optional(),
  tone: z.string().trim().min(1).max(50).optional(),
  maxTokens: z.int().min(1).max(32_000).optional(),
  temperature: z.number().min(0).max(2).optional(),
});
export type InputFilter = z.infer<typeof inputFilterSchema>;

/** POST /api/assemble-prompt. `vibe` previews unsaved slider positions without storing them. */
export const assembleBodySchema = z.strictObject({
  task: z.string().trim().min(1, 'describe the task'),
  inputFilter: inputFilterSchema.optional(),
  vibe: vibeSettingsSchema.partial().optional(),
});

export const blendRecipeItemSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  category: z.string(),
  weight: z.number(),
  influence: z.enum(['slider', 'selected', 'role', 'vertical', 'stack', 'keyword']),
  reason: z.string(),
});
export type BlendRecipeItem = z.infer<typeof blendRecipeItemSchema>;

export const assemblyResultSchema = z.object({
  systemPrompt: z.string(),
  userPrompt: z.string(),
  selectedAtomIds: z.array(z.uuid()),
  blendRecipe: z.array(blendRecipeItemSchema),
  tokenEstimate: z.object({ system: z.number().int(), user: z.number().int(), total: z.number().int(), encoding: z.string() }),
  context: z.object({
    model: z.string(),
    provider: z.string(),
    style: z.enum(PROMPT_STYLES),
    outputFormat: z.enum(OUTPUT_FORMATS),
    maxTokens: z.number().int().nullable(),
    temperature: z.number().nullable(),
    atomsConsidered: z.number().int(),
    atomsSelected: z.number().int(),
  }),
});
export type AssemblyResult = z.infer<typeof assemblyResultSchema>;
