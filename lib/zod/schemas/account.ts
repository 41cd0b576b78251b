import { z } from 'zod';

const timezones = new Set(Intl.supportedValuesOf('timeZone').concat('UTC'));

export const accountSchema = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string().nullable(),
    isAdmin: z.boolean(),
  }),
  profile: z.object({
    displayName: z.string().nullable(),
    timezone: z.string(),
    role: z.string().nullable(),
    subscriptionTier: z.enum(['free', 'pro', 'enterprise']),
    subscriptionStatus: z.string(),
    onboardingStep: z.string(),
  }),
});

export type Account = z.infer<typeof accountSchema>;

export const updateAccountBodySchema = z
  .strictObject({
    displayName: z.string().trim().min(1, 'must not be empty').max(100).nullable(),
    timezone: z.string().max(64).refine((tz) => timezones.has(tz), 'must be an IANA time zone such as Europe/Paris'),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');

export type UpdateAccountBody = z.infer<typeof updateAccountBodySchema>;
