import type { Queryable } from '@/lib/db/client';
import type { AssemblyAtom } from '@/lib/assembly/types';
import { ATOM_COLUMNS, toAtom, type AtomRow } from '@/lib/atoms/atom-row';

/**
 * The atoms assembly may blend. Filtered on is_active explicitly: RLS hides inactive atoms from
 * users but shows them to admins, and an admin's preview must match everyone else's. Ordered by
 * name (byte order, so PostgreSQL and PGlite agree whatever their collation) and version, so the
 * engine sees the same input for the same library.
 */
export async function loadActiveAtoms(tx: Queryable): Promise<AssemblyAtom[]> {
  const rows = await tx<AtomRow[]>`
    select ${tx(ATOM_COLUMNS)} from public.prompt_atoms
    where is_active
    order by name collate "C", version`;
  return rows.map(toAtom);
}
