import { MAX_TASK_CHARS } from '@/lib/zod/schemas/assembly';

/**
 * Every size the engine relies on to keep its output bounded. User-text limits repeat the API
 * schemas and database checks (profile.ts, vibe.ts, assembly.ts, migration 007) because the
 * engine re-checks them: the bound below must hold whoever calls it. Atom limits repeat the
 * admin schema (atoms.ts); the database only bounds system_prompt, so atom content beyond these
 * limits is skipped rather than trusted.
 */

export { MAX_TASK_CHARS };

/** The most atoms one prompt blends (see select-atoms.ts for which ones win). */
export const MAX_SELECTED_ATOMS = 12;

export const USER_TEXT_LIMITS = {
  brandVoice: 500,
  companyContext: 2000,
  customInstructions: 2000,
  tone: 50,
  kpiFocusItems: 10,
  kpiFocusItem: 50,
} as const;

export const ATOM_LIMITS = {
  /** An atom whose system prompt is longer is not eligible (the database check forbids it anyway). */
  systemPrompt: 4000,
  /** Constraints longer than this are skipped; at most `constraintsPerAtom` are used per atom. */
  constraint: 500,
  constraintsPerAtom: 5,
  exampleInput: 2000,
  exampleOutput: 4000,
  /** Few-shot examples shown in one prompt, across all selected atoms. */
  examples: 3,
} as const;

/** Upper bound of a user text rendered in a code fence (fence ≤ longest backtick run + 1). */
export const fencedSize = (chars: number): number => 2 * Math.max(3, chars + 1) + chars + 16;
/** Upper bound of a short user text rendered as a JSON string literal (\uXXXX is 6 characters). */
export const quotedSize = (chars: number): number => 6 * chars + 2;

/** Headings, identity, the data rule, the longest style and format instructions and labels. */
const FIXED_SYSTEM_TEXT = 3000;
const FIXED_USER_TEXT = 500;

/**
 * The longest system prompt the engine can produce: 116,220 characters, from 12 atoms × 4000,
 * 60 constraints × 500, 3 examples × 6000 and the user's own texts. Typical prompts with the
 * seeded library are 3–6k characters.
 */
export const MAX_SYSTEM_PROMPT_CHARS =
  FIXED_SYSTEM_TEXT +
  MAX_SELECTED_ATOMS * (ATOM_LIMITS.systemPrompt + 2) +
  MAX_SELECTED_ATOMS * ATOM_LIMITS.constraintsPerAtom * (ATOM_LIMITS.constraint + 3) +
  ATOM_LIMITS.examples * (ATOM_LIMITS.exampleInput + ATOM_LIMITS.exampleOutput + 40) +
  fencedSize(USER_TEXT_LIMITS.brandVoice) +
  fencedSize(USER_TEXT_LIMITS.companyContext) +
  fencedSize(USER_TEXT_LIMITS.customInstructions) +
  quotedSize(USER_TEXT_LIMITS.tone) +
  USER_TEXT_LIMITS.kpiFocusItems * (quotedSize(USER_TEXT_LIMITS.kpiFocusItem) + 2);

/**
 * The longest section of templates a run's user prompt can carry (lib/templates/combine-templates.ts
 * refuses a longer one): about 50,000 tokens. The ten longest catalog templates with their defaults
 * combine into about 37,000 characters.
 */
export const MAX_TEMPLATE_SECTION_CHARS = 200_000;

/**
 * The longest user prompt: the fenced task, the attached templates and a short instruction
 * (224,518 characters; 24,518 without templates).
 */
export const MAX_USER_PROMPT_CHARS = FIXED_USER_TEXT + fencedSize(MAX_TASK_CHARS) + MAX_TEMPLATE_SECTION_CHARS;
