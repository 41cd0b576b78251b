import { z } from 'zod';
import type { Queryable } from '@/lib/db/client';
import { ATOM_COLUMNS, toAtom, type AtomRow } from '@/lib/atoms/atom-row';
import { ATOM_CATEGORIES, type Atom } from '@/lib/zod/schemas/atoms';

// An empty value (`?category=` from an "all" filter) means no filter.
const blankAsUnset = (value: unknown) => (value === '' ? undefined : value);

/** GET /api/admin/atoms?category=&active= */
export const listAtomsQuerySchema = z.strictObject({
  category: z.preprocess(blankAsUnset, z.enum(ATOM_CATEGORIES).optional()),
  active: z.preprocess(blankAsUnset, z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true').optional()),
});
export type ListAtomsQuery = z.infer<typeof listAtomsQuerySchema>;

/**
 * Every version of every atom, inactive ones included, for the admin library. The library is a
 * curated catalogue of tens of atoms, so it is returned whole, ordered as assembly reads it.
 */
export async function listAtoms(tx: Queryable, { category, active }: ListAtomsQuery): Promise<Atom[]> {
  const rows = await tx<AtomRow[]>`
    select ${tx(ATOM_COLUMNS)} from public.prompt_atoms
    where ${category === undefined ? tx`true` : tx`category = ${category}`}
      and ${active === undefined ? tx`true` : tx`is_active = ${active}`}
    order by name collate "C", version`;
  return rows.map(toAtom);
}
