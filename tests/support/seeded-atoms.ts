import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { AssemblyAtom, AssemblyProfile } from '@/lib/assembly/types';
import { ATOM_COLUMNS, toAtom, type AtomRow } from '@/lib/atoms/atom-row';
import { readMigrations, SEED_FILE, SUPABASE_COMPAT_FILE } from '@/lib/db/migrations';
import { VIBE_DEFAULTS, type VibeSettings } from '@/lib/zod/schemas/vibe';

/**
 * Inputs for the assembly tests and the bench. First the real seeded atom library, read from a
 * database rather than parsed out of seed.sql: a private in-memory PGlite gets the Supabase
 * compatibility script, every migration in order and the seed, and the active atoms come back
 * mapped to AssemblyAtom. Loaded once per process (about a second) and shared, so callers copy it
 * before changing anything: the engine memoises its index on the array's identity. Then small
 * builders for synthetic atoms, profiles and vibes.
 */

async function load(): Promise<AssemblyAtom[]> {
  const db = await PGlite.create();
  try {
    await db.exec(await readFile(SUPABASE_COMPAT_FILE, 'utf8'));
    for (const migration of await readMigrations()) await db.exec(migration.sql);
    await db.exec(await readFile(SEED_FILE, 'utf8'));
    // The same columns and mapping the app's loader uses (lib/atoms/load-active-atoms.ts).
    const { rows } = await db.query<AtomRow>(
      `select ${ATOM_COLUMNS.join(', ')} from public.prompt_atoms where is_active order by name collate "C", version`,
    );
    return rows.map(toAtom);
  } finally {
    await db.close();
  }
}

let seeded: Promise<AssemblyAtom[]> | undefined;

export function loadSeededAtoms(): Promise<AssemblyAtom[]> {
  seeded ??= load();
  return seeded;
}

/** A deterministic uuid for synthetic atoms: n = 1 → 00000000-0000-4000-8000-000000000001. */
export function syntheticId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function syntheticAtom(n: number, fields: Partial<AssemblyAtom> = {}): AssemblyAtom {
  return {
    id: syntheticId(n),
    name: `synthetic-${String(n).padStart(5, '0')}`,
    version: 1,
    category: 'goal',
    systemPrompt: `Synthetic guidance number ${n}.`,
    constraints: [],
    examples: [],
    weight: 0.5,
    compatibleAtoms: [],
    targetRoles: [],
    targetVerticals: [],
    keywords: [],
    slider: null,
    sliderMin: null,
    sliderMax: null,
    usageCount: 0,
    successRate: 0,
    ...fields,
  };
}

export const NO_STACK: AssemblyProfile['stack'] = { code_repo: false, issue_tracker: false, doc_space: false, ci_cd: false, infra: false, analytics: false };

export function testProfile(fields: Partial<AssemblyProfile> = {}): AssemblyProfile {
  return {
    displayName: null,
    role: null,
    vertical: null,
    stack: NO_STACK,
    tone: null,
    riskTolerance: null,
    kpiFocus: [],
    brandVoice: null,
    companyContext: null,
    preferredModels: [],
    ...fields,
  };
}

export function testVibe(fields: Partial<VibeSettings> = {}): VibeSettings {
  return {
    ...VIBE_DEFAULTS,
    selectedAtoms: [],
    customInstructions: '',
    autoSuggest: false,
    approvalRequired: false,
    loggingLevel: 'standard',
    ...fields,
  };
}
