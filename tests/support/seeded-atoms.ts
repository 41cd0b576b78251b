import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { AssemblyAtom, AssemblyProfile } from '@/lib/assembly/types';
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

interface AtomRow {
  id: string;
  name: string;
  version: number;
  category: string;
  system_prompt: string;
  constraints: string[];
  examples: { input: string; output: string }[];
  weight: number;
  compatible_atoms: string[];
  target_roles: string[];
  target_verticals: string[];
  keywords: string[];
  slider: AssemblyAtom['slider'];
  slider_min: number | null;
  slider_max: number | null;
  usage_count: number;
  success_rate: number;
}

export function toAssemblyAtom(row: AtomRow): AssemblyAtom {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    category: row.category,
    systemPrompt: row.system_prompt,
    constraints: row.constraints,
    examples: row.examples,
    weight: row.weight,
    compatibleAtoms: row.compatible_atoms,
    targetRoles: row.target_roles,
    targetVerticals: row.target_verticals,
    keywords: row.keywords,
    slider: row.slider,
    sliderMin: row.slider_min,
    sliderMax: row.slider_max,
    usageCount: row.usage_count,
    successRate: row.success_rate,
  };
}

async function load(): Promise<AssemblyAtom[]> {
  const db = await PGlite.create();
  try {
    await db.exec(await readFile(SUPABASE_COMPAT_FILE, 'utf8'));
    for (const migration of await readMigrations()) await db.exec(migration.sql);
    await db.exec(await readFile(SEED_FILE, 'utf8'));
    const { rows } = await db.query<AtomRow>(`
      select id, name, version, category, system_prompt, constraints, examples,
             weight::float8 as weight, compatible_atoms, target_roles, target_verticals, keywords,
             slider, slider_min, slider_max, usage_count, success_rate::float8 as success_rate
      from public.prompt_atoms
      where is_active
      order by name, version`);
    return rows.map(toAssemblyAtom);
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
