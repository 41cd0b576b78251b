import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import type { Atom } from '@/lib/zod/schemas/atoms';

/** A row of public.prompt_atoms. numeric columns arrive from postgres.js as strings. */
export interface AtomRow {
  id: string;
  name: string;
  version: number;
  category: Atom['category'];
  description: string;
  system_prompt: string;
  constraints: string[];
  examples: Atom['examples'];
  weight: string;
  compatible_atoms: string[];
  target_roles: string[];
  target_verticals: string[];
  keywords: string[];
  slider: Atom['slider'];
  slider_min: number | null;
  slider_max: number | null;
  usage_count: number;
  success_rate: string;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
}

/** An atom's content: what a new version copies from the version it starts from. */
export const ATOM_CONTENT_COLUMNS = [
  'category',
  'description',
  'system_prompt',
  'constraints',
  'examples',
  'weight',
  'compatible_atoms',
  'target_roles',
  'target_verticals',
  'keywords',
  'slider',
  'slider_min',
  'slider_max',
] as const;

export const ATOM_COLUMNS = [
  'id',
  'name',
  'version',
  ...ATOM_CONTENT_COLUMNS,
  'usage_count',
  'success_rate',
  'is_active',
  'created_at',
  'updated_at',
] as const;

/**
 * Request body limit for atom writes. A valid atom reaches about 85,000 characters (ten examples
 * of 6,000, twenty constraints of 500, a 4,000-character prompt), up to three bytes each in UTF-8,
 * so the default 64 KiB would refuse atoms the schema accepts.
 */
export const MAX_ATOM_BODY_BYTES = 256 * 1024;

/** The fields an admin may set, as the admin API names them. */
export type AtomFields = Partial<Omit<Atom, 'id' | 'version' | 'usageCount' | 'successRate' | 'createdAt' | 'updatedAt'>>;

export function toAtom(row: AtomRow): Atom {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    category: row.category,
    description: row.description,
    systemPrompt: row.system_prompt,
    constraints: row.constraints,
    examples: row.examples,
    weight: Number(row.weight),
    compatibleAtoms: row.compatible_atoms,
    targetRoles: row.target_roles,
    targetVerticals: row.target_verticals,
    keywords: row.keywords,
    slider: row.slider,
    sliderMin: row.slider_min,
    sliderMax: row.slider_max,
    usageCount: row.usage_count,
    successRate: Number(row.success_rate),
    isActive: row.is_active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const FIELD_COLUMNS: Record<keyof AtomFields, keyof AtomRow> = {
  name: 'name',
  category: 'category',
  description: 'description',
  systemPrompt: 'system_prompt',
  constraints: 'constraints',
  examples: 'examples',
  weight: 'weight',
  compatibleAtoms: 'compatible_atoms',
  targetRoles: 'target_roles',
  targetVerticals: 'target_verticals',
  keywords: 'keywords',
  slider: 'slider',
  sliderMin: 'slider_min',
  sliderMax: 'slider_max',
  isActive: 'is_active',
};

/** The columns to write for the fields given. */
export function atomColumns(tx: Queryable, fields: AtomFields): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(FIELD_COLUMNS) as [keyof AtomFields, keyof AtomRow][]) {
    if (fields[field] !== undefined) columns[column] = fields[field];
  }
  // A plain array would be sent as a PostgreSQL array, not as one jsonb value.
  if (fields.examples !== undefined) columns.examples = tx.json(fields.examples);
  return columns;
}

const SLIDER_RANGE_MESSAGE =
  'slider: a slider atom needs sliderMin <= sliderMax, both between 0 and 100; an atom without a slider has neither.';

/**
 * Checks the slider range of a row as written. A partial edit can only be judged merged with the
 * stored row, and the database check lets a slider with a NULL range through (NULL is not false),
 * so this runs on the returned row; throwing rolls the caller's transaction back.
 */
export function assertSliderRange(row: Pick<AtomRow, 'slider' | 'slider_min' | 'slider_max'>): void {
  const ok =
    row.slider === null
      ? row.slider_min === null && row.slider_max === null
      : row.slider_min !== null && row.slider_max !== null && row.slider_min <= row.slider_max;
  if (!ok) throw new ApiError('validation_failed', SLIDER_RANGE_MESSAGE);
}

/** Constraint violations the body schemas cannot rule out on their own become 4xx answers; anything else is rethrown. */
export function atomWriteError(error: unknown, { name, version }: { name?: string; version?: number } = {}): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const constraint = (error as { constraint_name?: unknown } | null)?.constraint_name;
  if (code === '23505' && constraint === 'prompt_atoms_name_version_key') {
    const which = name === undefined ? 'this name and version' : `"${name}"${version === undefined ? '' : ` version ${version}`}`;
    return new ApiError('conflict', `An atom with ${which} already exists. Create a new version of it instead.`);
  }
  if (code === '23514' && constraint === 'prompt_atoms_slider_range') return new ApiError('validation_failed', SLIDER_RANGE_MESSAGE);
  return error;
}
