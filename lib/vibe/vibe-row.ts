import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import type { Preset, Vibe, VibeSettings } from '@/lib/zod/schemas/vibe';

/** A row of public.vibe_configs, current or preset. */
export interface VibeRow {
  id: string;
  name: string | null;
  playfulness: number;
  revenue_focus: number;
  investor_perspective: number;
  selected_atoms: string[];
  custom_instructions: string;
  auto_suggest: boolean;
  approval_required: boolean;
  logging_level: VibeSettings['loggingLevel'];
  created_at: Date;
  updated_at: Date;
  version: number;
}

export const VIBE_COLUMNS = [
  'id',
  'name',
  'playfulness',
  'revenue_focus',
  'investor_perspective',
  'selected_atoms',
  'custom_instructions',
  'auto_suggest',
  'approval_required',
  'logging_level',
  'created_at',
  'updated_at',
  'version',
] as const;

export const MAX_PRESETS_PER_USER = 50;

export function toVibeSettings(row: VibeRow): VibeSettings {
  return {
    playfulness: row.playfulness,
    revenueFocus: row.revenue_focus,
    investorPerspective: row.investor_perspective,
    selectedAtoms: row.selected_atoms,
    customInstructions: row.custom_instructions,
    autoSuggest: row.auto_suggest,
    approvalRequired: row.approval_required,
    loggingLevel: row.logging_level,
  };
}

export function toVibe(row: VibeRow): Vibe {
  return { ...toVibeSettings(row), updatedAt: row.updated_at.toISOString(), version: row.version };
}

export function toPreset(row: VibeRow): Preset {
  return {
    ...toVibeSettings(row),
    id: row.id,
    name: row.name ?? '',
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The columns to write for a subset of settings; selected atoms are de-duplicated, keeping their order. */
export function settingsColumns(tx: Queryable, settings: Partial<VibeSettings>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (settings.playfulness !== undefined) columns.playfulness = settings.playfulness;
  if (settings.revenueFocus !== undefined) columns.revenue_focus = settings.revenueFocus;
  if (settings.investorPerspective !== undefined) columns.investor_perspective = settings.investorPerspective;
  // postgres.js sends a string array as text[], which PostgreSQL does not assign to uuid[] without a cast.
  if (settings.selectedAtoms !== undefined) columns.selected_atoms = tx`${[...new Set(settings.selectedAtoms)]}::uuid[]`;
  if (settings.customInstructions !== undefined) columns.custom_instructions = settings.customInstructions;
  if (settings.autoSuggest !== undefined) columns.auto_suggest = settings.autoSuggest;
  if (settings.approvalRequired !== undefined) columns.approval_required = settings.approvalRequired;
  if (settings.loggingLevel !== undefined) columns.logging_level = settings.loggingLevel;
  return columns;
}

/**
 * Selected atoms must name atoms that exist and are active. The check runs in the caller's
 * transaction and under RLS, which hides inactive atoms from users but not from admins, hence the
 * explicit filter. `field` is the body path reported back, so the message names what to fix.
 */
export async function assertActiveAtoms(tx: Queryable, { atomIds, field }: { atomIds: string[] | undefined; field: string }): Promise<void> {
  if (!atomIds || atomIds.length === 0) return;
  const wanted = [...new Set(atomIds)];
  const found = await tx<{ id: string }[]>`
    select id from public.prompt_atoms where id = any(${wanted}::uuid[]) and is_active`;
  const known = new Set(found.map((row) => row.id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new ApiError('validation_failed', `${field}: no active atom has the id ${unknown.slice(0, 5).join(', ')}`);
  }
}

/** Unique-index violations on preset names become a 409 the user can act on; anything else is rethrown. */
export function presetWriteError(error: unknown, name: string | undefined): unknown {
  if (isUniqueViolation(error, 'vibe_configs_preset_name')) {
    return new ApiError('conflict', `A preset named "${name}" already exists (names are compared without regard to case).`);
  }
  return error;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === '23505' &&
    (error as { constraint_name?: unknown }).constraint_name === constraint
  );
}
