import { z } from 'zod';

export const ATOM_CATEGORIES = ['tone', 'stack', 'perspective', 'phase', 'domain', 'constraint', 'example', 'goal', 'risk', 'channel'] as const;
export const ATOM_SLIDERS = ['playfulness', 'revenue_focus', 'investor_perspective'] as const;

export const atomExampleSchema = z.strictObject({ input: z.string().max(2000), output: z.string().max(4000) });

/** An atom as the admin API returns it. */
export const atomSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  category: z.enum(ATOM_CATEGORIES),
  description: z.string(),
  systemPrompt: z.string(),
  constraints: z.array(z.string()),
  examples: z.array(atomExampleSchema),
  weight: z.number(),
  compatibleAtoms: z.array(z.string()),
  targetRoles: z.array(z.string()),
  targetVerticals: z.array(z.string()),
  keywords: z.array(z.string()),
  slider: z.enum(ATOM_SLIDERS).nullable(),
  sliderMin: z.number().int().nullable(),
  sliderMax: z.number().int().nullable(),
  usageCount: z.number().int(),
  successRate: z.number(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Atom = z.infer<typeof atomSchema>;
export const atomListSchema = z.object({ atoms: z.array(atomSchema) });

const atomFields = {
  name: z.string().trim().min(1).max(100).regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  category: z.enum(ATOM_CATEGORIES),
  description: z.string().max(1000),
  systemPrompt: z.string().trim().min(1).max(4000),
  constraints: z.array(z.string().trim().min(1).max(500)).max(20),
  examples: z.array(atomExampleSchema).max(10),
  weight: z.number().min(0).max(1),
  compatibleAtoms: z.array(z.string().max(100)).max(50),
  targetRoles: z.array(z.string().max(50)).max(10),
  targetVerticals: z.array(z.string().max(50)).max(10),
  keywords: z.array(z.string().trim().toLowerCase().min(1).max(60)).max(50),
  slider: z.enum(ATOM_SLIDERS).nullable(),
  sliderMin: z.int().min(0).max(100).nullable(),
  sliderMax: z.int().min(0).max(100).nullable(),
  isActive: z.boolean(),
};

const sliderRangeOk = (a: { slider?: string | null; sliderMin?: number | null; sliderMax?: number | null }) =>
  a.slider == null ? a.sliderMin == null && a.sliderMax == null : a.sliderMin != null && a.sliderMax != null && a.sliderMin <= a.sliderMax;
const sliderMessage = { message: 'slider needs sliderMin <= sliderMax (all three set, or none)', path: ['slider'] };

/** POST /api/admin/atoms */
export const createAtomBodySchema = z
  .strictObject(atomFields)
  .partial({ description: true, constraints: true, examples: true, weight: true, compatibleAtoms: true, targetRoles: true, targetVerticals: true, keywords: true, slider: true, sliderMin: true, sliderMax: true, isActive: true })
  .refine(sliderRangeOk, sliderMessage);

/** PATCH /api/admin/atoms/[id]: edit in place (name and version are fixed). */
export const updateAtomBodySchema = z
  .strictObject(atomFields)
  .omit({ name: true })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change');

/** POST /api/admin/atoms/[id]/versions: a new version with these changes; the old one is deactivated. */
export const createAtomVersionBodySchema = z.strictObject(atomFields).omit({ name: true }).partial();

export const atomIdParamsSchema = z.object({ id: z.uuid() });
