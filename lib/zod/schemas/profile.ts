import { z } from 'zod';

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

const shortText = (max: number) => z.string().trim().max(max);

/** PUT /api/profile: any subset of the editable fields; unknown fields are rejected. */
export const updateProfileBodySchema = z
  .strictObject({
    displayName: shortText(100).min(1).nullable(),
    role: z.enum(ROLES).nullable(),
    vertical: z.enum(VERTICALS).nullable(),
    stack: stackSchema.partial().strict(),
    tone: shortText(50).min(1).nullable(),
    riskTolerance: z.enum(RISK_TOLERANCES).nullable(),
    kpiFocus: z.array(shortText(50).min(1)).max(10),
    brandVoice: z.string().max(500, 'must be at most 500 characters').nullable(),
    companyContext: z.string().max(2000, 'must be at most 2000 characters').nullable(),
    preferredModels: z.array(shortText(100).min(1)).max(10),
    timezone: z.string().max(64).refine((tz) => timezones.has(tz), 'must be an IANA time zone such as Europe/Paris'),
    onboardingStep: z.enum(ONBOARDING_STEPS),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');
export type UpdateProfileBody = z.infer<typeof updateProfileBodySchema>;
