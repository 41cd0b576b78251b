import { z } from 'zod';
import { MAX_CUSTOM_INSTRUCTIONS_CHARS, templateIdParamsSchema, templateValueSchema } from '@/lib/zod/schemas/templates';

/** Sharing customisations, presets, and export / import of customisations (issue 11). */

const templateId = templateIdParamsSchema.shape.id;
const valuesRecord = z.record(z.string().max(100), templateValueSchema).refine((value) => Object.keys(value).length <= 50, 'at most 50 variables');

export const idParamsSchema = z.object({ id: z.uuid('must be an id') });

// ---------------------------------------------------------------------------------------------
// Shares

export const SHARE_VISIBILITIES = ['public', 'users', 'organization'] as const;

/** POST /api/template-shares: the caller's customisation (by its id or its template's) shared one way. */
export const createShareBodySchema = z
  .strictObject({
    customizationId: z.uuid('must be a customisation id').optional(),
    templateId: templateId.optional(),
    visibility: z.enum(SHARE_VISIBILITIES, 'must be public, users or organization'),
    email: z.email('must be an email address').max(320).optional(),
    orgId: z.uuid('must be an organization id').optional(),
  })
  .refine((body) => (body.customizationId === undefined) !== (body.templateId === undefined), { message: 'give customizationId or templateId, not both', path: ['customizationId'] })
  .refine((body) => (body.visibility === 'users') === (body.email !== undefined), { message: 'an email is given exactly when sharing with a user', path: ['email'] })
  .refine((body) => (body.visibility === 'organization') === (body.orgId !== undefined), { message: 'an orgId is given exactly when sharing with an organization', path: ['orgId'] });
export type CreateShareBody = z.infer<typeof createShareBodySchema>;

export const listSharesQuerySchema = z.strictObject({ templateId: templateId.optional() });

export const shareSchema = z.object({
  id: z.uuid(),
  customizationId: z.uuid(),
  templateId: z.string(),
  templateName: z.string(),
  visibility: z.enum(SHARE_VISIBILITIES),
  /** Who made it: the caller (`owner`) or someone who shared it with the caller (`recipient`). */
  role: z.enum(['owner', 'recipient']),
  sharedWith: z.object({ email: z.string().nullable(), orgId: z.uuid().nullable(), orgName: z.string().nullable() }),
  /** The page that shows it: for public shares, the link to pass on. */
  link: z.string(),
  createdAt: z.string(),
});
export type Share = z.infer<typeof shareSchema>;

export const organizationSchema = z.object({ id: z.uuid(), name: z.string() });

export const shareListSchema = z.object({
  made: z.array(shareSchema),
  received: z.array(shareSchema),
  /** The organizations the caller belongs to: the ones a share may name. */
  organizations: z.array(organizationSchema),
});
export type ShareList = z.infer<typeof shareListSchema>;

/** GET /api/template-shares/:id */
export const sharedCustomizationSchema = z.object({
  share: z.object({ id: z.uuid(), visibility: z.enum(SHARE_VISIBILITIES), createdAt: z.string(), mine: z.boolean() }),
  templateId: z.string(),
  templateName: z.string(),
  /** The owner's display name (never their email); null when they set none. */
  ownerName: z.string().nullable(),
  /** The shared customisation as it stands now. */
  snapshot: z.object({
    version: z.int(),
    baseVersion: z.string().nullable(),
    variables: z.record(z.string(), templateValueSchema),
    values: z.record(z.string(), templateValueSchema),
    customInstructions: z.string(),
  }),
  /** The base version rendered with these values and instructions; null when that version is no longer published. */
  prompt: z.string().nullable(),
});
export type SharedCustomization = z.infer<typeof sharedCustomizationSchema>;

/** POST /api/template-shares/:id/clone: `expectedVersion` is the caller's own version being replaced (0 for none); without it, whatever is stored. */
export const cloneShareBodySchema = z.strictObject({
  expectedVersion: z.int('must be the version of your customisation (0 for none)').min(0).max(1_000_000).optional(),
});

// ---------------------------------------------------------------------------------------------
// Presets

const presetName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const presetDescription = z.string().trim().max(1000, 'must be at most 1000 characters');
const presetTemplateIds = z.array(templateId).max(100, 'at most 100 templates');

export const createTemplatePresetBodySchema = z.strictObject({
  name: presetName,
  description: presetDescription.default(''),
  templateIds: presetTemplateIds.default([]),
  variables: valuesRecord,
});
export type CreateTemplatePresetBody = z.infer<typeof createTemplatePresetBodySchema>;

export const updateTemplatePresetBodySchema = z
  .strictObject({ name: presetName.optional(), description: presetDescription.optional(), templateIds: presetTemplateIds.optional(), variables: valuesRecord.optional() })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change');
export type UpdateTemplatePresetBody = z.infer<typeof updateTemplatePresetBodySchema>;

export const applyTemplatePresetBodySchema = z.strictObject({
  /** Without it, the templates the preset lists. */
  templateIds: z.array(templateId).min(1, 'name at least one template').max(100, 'at most 100 templates').optional(),
});

export const templatePresetSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  isSystem: z.boolean(),
  templateIds: z.array(z.string()),
  variables: z.record(z.string(), templateValueSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TemplatePreset = z.infer<typeof templatePresetSchema>;
export const templatePresetListSchema = z.object({ presets: z.array(templatePresetSchema) });

export const applyReportSchema = z.object({
  applied: z.array(
    z.object({
      templateId: z.string(),
      version: z.int(),
      /** The preset's variables written to this template. */
      variables: z.array(z.string()),
      /** Preset values this template has a variable for but does not accept. */
      rejected: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  ),
  failed: z.array(z.object({ templateId: z.string(), reason: z.string() })),
  skipped: z.array(z.object({ templateId: z.string(), reason: z.string() })),
});
export type ApplyReport = z.infer<typeof applyReportSchema>;

// ---------------------------------------------------------------------------------------------
// Export / import

export const TRANSFER_FORMATS = ['json', 'yaml', 'csv'] as const;
export type TransferFormat = (typeof TRANSFER_FORMATS)[number];
export const EXPORT_FORMAT_NAME = 'venture-companion-templates';
export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ROWS = 200;

export const exportQuerySchema = z.strictObject({
  format: z.enum(TRANSFER_FORMATS, 'must be json, yaml or csv').default('json'),
  /** JSON and YAML also carry the caller's own presets unless this is false. */
  presets: z.enum(['true', 'false'], 'must be true or false').default('true'),
});

/** One customisation as a file holds it. */
export const exportedCustomizationSchema = z.strictObject({
  templateId,
  baseVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.2.0').nullable(),
  variables: valuesRecord,
  customInstructions: z.string().max(MAX_CUSTOM_INSTRUCTIONS_CHARS, `must be at most ${MAX_CUSTOM_INSTRUCTIONS_CHARS} characters`),
  enabled: z.boolean(),
});
export type ExportedCustomization = z.infer<typeof exportedCustomizationSchema>;

export const exportedPresetSchema = z.strictObject({
  name: presetName,
  description: presetDescription,
  templateIds: presetTemplateIds,
  variables: valuesRecord,
});
export type ExportedPreset = z.infer<typeof exportedPresetSchema>;

export interface TemplateExport {
  format: typeof EXPORT_FORMAT_NAME;
  formatVersion: 1;
  exportedAt: string;
  customizations: ExportedCustomization[];
  presets?: ExportedPreset[];
}

export const importQuerySchema = z.strictObject({ dryRun: z.enum(['0', '1', 'true', 'false'], 'must be 1 or 0').default('0') });

/** POST /api/templates/import: the file's text and its format. */
export const importBodySchema = z.strictObject({
  format: z.enum(TRANSFER_FORMATS, 'must be json, yaml or csv'),
  content: z.string().min(1, 'the file is empty').max(MAX_IMPORT_BYTES, 'the file is larger than 1 MB'),
});
export type ImportBody = z.infer<typeof importBodySchema>;

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  imported: z.array(z.object({ row: z.int(), templateId: z.string(), version: z.int().nullable() })),
  skipped: z.array(z.object({ row: z.int(), templateId: z.string(), reason: z.string() })),
  presets: z.object({ imported: z.array(z.string()), skipped: z.array(z.string()) }),
  errors: z.array(z.object({ row: z.int(), field: z.string(), message: z.string() })),
});
export type ImportReport = z.infer<typeof importReportSchema>;
