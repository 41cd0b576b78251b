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

/** DELETE /api/me: the current password, asked again because deleting an account cannot be undone. */
export const deleteAccountBodySchema = z.strictObject({
  password: z.string('Enter your current password.').min(1, 'Enter your current password.').max(72, 'Passwords are at most 72 characters.'),
});
export type DeleteAccountBody = z.infer<typeof deleteAccountBodySchema>;

/** A stored row, every column as stored (dates as ISO strings once serialised). */
const exportRowSchema = z.record(z.string(), z.unknown());
export type ExportRow = z.infer<typeof exportRowSchema>;

/** GET /api/me/export: everything stored about the caller. */
export const accountExportSchema = z.strictObject({
  format: z.literal('venture-companion-export'),
  formatVersion: z.literal(1),
  exportedAt: z.string(),
  account: z.strictObject({ id: z.uuid(), email: z.string().nullable() }),
  profile: exportRowSchema.nullable(),
  vibe: exportRowSchema.nullable(),
  presets: z.array(exportRowSchema),
  conversations: z.array(exportRowSchema),
  runs: z.array(exportRowSchema),
  usage: z.array(exportRowSchema),
  other: z.record(z.string(), z.array(exportRowSchema)),
});
export type AccountExport = z.infer<typeof accountExportSchema>;
