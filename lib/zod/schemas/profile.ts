import { z } from 'zod';
import { MODEL_NAMES } from '@/lib/llm/prices';

export const ROLES = ['founder', 'pm', 'staff_engineer', 'devops', 'cfo', 'investor'] as const;
export const VERTICALS = ['software', 'agency', 'internal_tools', 'content', 'other'] as const;
export const STACK_FLAGS = ['code_repo', 'issue_tracker', 'doc_space', 'ci_cd', 'infra', 'analytics'] as const;
export const RISK_TOLERANCES = ['low', 'medium', 'high'] as const;
/** Onboarding wizard steps, in order; 'done' means finished. */
export const ONBOARDING_STEPS = ['role', 'vertical', 'stack', 'vibe', 'voice', 'done'] as const;

export type Role = (typeof ROLES)[number];
export type Vertical = (typeof VERTICALS)[number];
export type StackFlag = (typeof STACK_FLAGS)[number];

const timezones = new Set(Intl.supportedValuesOf('timeZone').concat('UTC'));

export const stackSchema = z.strictObject({
  code_repo: z.boolean(),
  issue_tracker: z.boolean(),
  doc_space: z.boolean(),
  ci_cd: z.boolean(),
  infra: z.boolean(),
  analytics: z.boolean(),
});
export type Stack = z.infer<typeof stackSchema>;

/** GET /api/profile and the body of PUT /api/profile's answer. */
export const profileSchema = z.object({
  userId: z.uuid(),
  displayName: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  vertical: z.enum(VERTICALS).nullable(),
  stack: stackSchema,
  tone: z.string().nullable(),
  riskTolerance: z.enum(RISK_TOLERANCES).nullable(),
  kpiFocus: z.array(z.string()),
  brandVoice: z.string().nullable(),
  companyContext: z.string().nullable(),
  preferredModels: z.array(z.string()),
  timezone: z.string(),
  onboardingStep: z.enum(ONBOARDING_STEPS),
  onboardingCompletedAt: z.string().nullable(),
});
export type Profile = z.infer<typeof profileSchema>;

const shortText = (max: number, message: string) => z.string().trim().max(max, message);

/**
 * PUT /api/profile: any subset of the editable fields; unknown fields are rejected. The messages
 * are written for people: the settings form shows them under the field they are about.
 */
export const updateProfileBodySchema = z
  .strictObject({
    displayName: shortText(100, 'Use at most 100 characters for your name.').min(1, 'Enter a name, or leave the field empty.').nullable(),
    role: z.enum(ROLES, 'Choose one of the listed roles.').nullable(),
    vertical: z.enum(VERTICALS, 'Choose one of the listed verticals.').nullable(),
    stack: stackSchema.partial().strict(),
    tone: shortText(50, 'Describe the tone in at most 50 characters.').min(1).nullable(),
    riskTolerance: z.enum(RISK_TOLERANCES, 'Choose low, medium or high.').nullable(),
    kpiFocus: z.array(shortText(50, 'Keep each KPI to at most 50 characters.').min(1, 'Leave no empty KPI between commas.')).max(10, 'List at most 10 KPIs.'),
    brandVoice: z.string().max(500, 'Keep the brand voice to at most 500 characters.').nullable(),
    companyContext: z.string().max(2000, 'Keep the company context to at most 2000 characters.').nullable(),
    // Only models with a price can be run (and metered), so only those can be preferred.
    preferredModels: z
      .array(z.enum(MODEL_NAMES, `Use models from the price list: ${MODEL_NAMES.join(', ')}.`))
      .max(10, 'List at most 10 models.'),
    timezone: z.string().max(64).refine((tz) => timezones.has(tz), 'Choose a time zone from the list, such as Europe/Paris.'),
    onboardingStep: z.enum(ONBOARDING_STEPS),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');
export type UpdateProfileBody = z.infer<typeof updateProfileBodySchema>;
