import { z } from 'zod';
import { MAX_TASK_CHARS } from '@/lib/zod/schemas/assembly';

/**
 * Combined prompts from the template catalog: POST /api/templates/generate, and the templates a
 * run is given (POST /api/runs `templateIds`, stored on the run as the versions it used).
 */

/** The most templates one prompt combines. */
export const MAX_TEMPLATES_PER_PROMPT = 10;

const templateIdSchema = z
  .string()
  .max(60, 'must be at most 60 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a template id such as init-logging');

/** 1 to 10 catalog ids, each once; which exist is checked against the catalog (400 naming the unknown ones). */
export const templateIdsSchema = z
  .array(templateIdSchema)
  .min(1, 'choose at least one template')
  .max(MAX_TEMPLATES_PER_PROMPT, `must be at most ${MAX_TEMPLATES_PER_PROMPT} templates`)
  .refine((ids) => new Set(ids).size === ids.length, 'name each template once');

/** POST /api/templates/generate. */
export const generatePromptBodySchema = z.strictObject({
  task: z.string().trim().min(1, 'describe the task').max(MAX_TASK_CHARS, `must be at most ${MAX_TASK_CHARS} characters`),
  templateIds: templateIdsSchema,
});
export type GeneratePromptBody = z.infer<typeof generatePromptBodySchema>;

/** One template a prompt was generated from: its catalog version, and the caller's customisation version when one applied. */
export const usedTemplateSchema = z.object({
  id: z.string(),
  version: z.string(),
  customizationVersion: z.int().nullable(),
});
export type UsedTemplate = z.infer<typeof usedTemplateSchema>;

/**
 * The answer of POST /api/templates/generate. `templates` are in the order the prompt has them
 * (dependencies first); `missingDependencies` are catalog templates the chosen ones build on that
 * were not chosen (the prompt says so; they are not added).
 */
export const generatedPromptSchema = z.object({
  prompt: z.string(),
  templates: z.array(usedTemplateSchema),
  missingDependencies: z.array(z.string()),
});
export type GeneratedPrompt = z.infer<typeof generatedPromptSchema>;
