import { z } from 'zod';

export const LOGGING_LEVELS = ['minimal', 'standard', 'verbose'] as const;
export const SLIDERS = ['playfulness', 'revenueFocus', 'investorPerspective'] as const;
export type Slider = (typeof SLIDERS)[number];

export const VIBE_DEFAULTS = { playfulness: 50, revenueFocus: 60, investorPerspective: 40 } as const;

const slider = z.int('must be a whole number').min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100');

/** The settings a vibe (current or preset) holds. */
export const vibeSettingsSchema = z.strictObject({
  playfulness: slider,
  revenueFocus: slider,
  investorPerspective: slider,
  selectedAtoms: z.array(z.uuid()).max(50),
  customInstructions: z.string().max(2000, 'must be at most 2000 characters'),
  autoSuggest: z.boolean(),
  approvalRequired: z.boolean(),
  loggingLevel: z.enum(LOGGING_LEVELS),
});
export type VibeSettings = z.infer<typeof vibeSettingsSchema>;

const vibeVersion = z.int('must be a whole number').min(1, 'must be at least 1').max(2_147_483_647, 'must be at most 2147483647');

/** GET/PUT /api/vibe answer. `version` counts the saves of the current vibe. */
export const vibeSchema = vibeSettingsSchema.extend({ updatedAt: z.string(), version: vibeVersion });
export type Vibe = z.infer<typeof vibeSchema>;

/**
 * PUT /api/vibe: any subset of the settings, and the `version` the change was based on. With a
 * version, the save is refused (409) when the vibe has been saved since; without one, it applies to
 * whatever is current (API clients that edit one setting at a time).
 */
export const updateVibeBodySchema = vibeSettingsSchema
  .partial()
  .extend({ version: vibeVersion.optional() })
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), 'send at least one setting to change');
export type UpdateVibeBody = z.infer<typeof updateVibeBodySchema>;

/** The body of a 409 from PUT /api/vibe: the vibe as the other save left it. */
export const vibeConflictSchema = z.object({ current: vibeSchema });

const presetName = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');

export const presetSchema = vibeSettingsSchema.extend({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Preset = z.infer<typeof presetSchema>;
export const presetListSchema = z.object({ presets: z.array(presetSchema) });

/** POST /api/vibe/presets: a name, and settings (missing ones are taken from the current vibe). */
export const createPresetBodySchema = z.strictObject({
  name: presetName,
  settings: vibeSettingsSchema.partial().optional(),
});

/** PATCH /api/vibe/presets/[id]: rename and/or change settings. */
export const updatePresetBodySchema = z
  .strictObject({
    name: presetName,
    settings: vibeSettingsSchema.partial().refine((settings) => Object.keys(settings).length > 0, 'send at least one setting'),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');

export const presetIdParamsSchema = z.object({ id: z.uuid() });
