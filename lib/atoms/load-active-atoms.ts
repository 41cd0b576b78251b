import type { Queryable } from '@/lib/db/client';
import type { AssemblyAtom } from '@/lib/assembly/types';
import type { AtomRow } from '@/lib/atoms/atom-row';

/**
 * The atoms assembly may blend. Filtered on is_active explicitly: RLS hides inactive atoms from
 * users but shows them to admins, and an admin's preview must match everyone else's. Ordered by
 * name (byte order, so PostgreSQL and PGlite agree whatever their collation) and version, so the
 * engine sees the same input for the same library.
 */
export async function loadActiveAtoms(tx: Queryable): Promise<AssemblyAtom[]> {
  const rows = await tx<AtomRow[]>`
    select id, name, version, category, system_prompt, constraints, examples, weight, compatible_atoms,
      target_roles, target_verticals, keywords, slider, slider_min, slider_max, usage_count, success_rate
    from public.prompt_atoms
    where is_active
    order by name collate "C", version`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    version: row.version,
    category: row.category,
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
  }));
}
