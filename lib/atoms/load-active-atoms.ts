import type { Queryable } from '@/lib/db/client';
import type { AssemblyAtom } from '@/lib/assembly/types';
import { ATOM_COLUMNS, toAtom, type AtomRow } from '@/lib/atoms/atom-row';

// The library as last loaded, with the fingerprint it was loaded at. Every run and preview needs
// it, and re-reading ~50 rows of prompt text costs far more than fingerprinting them.
let cached: { version: string; atoms: readonly AssemblyAtom[] } | undefined;

/**
 * The atoms assembly may blend. Filtered on is_active explicitly: RLS hides inactive atoms from
 * users but shows them to admins, and an admin's preview must match everyone else's. Ordered by
 * name (byte order, so PostgreSQL and PGlite agree whatever their collation) and version, so the
 * engine sees the same input for the same library.
 *
 * The fingerprint covers every active atom's id and updated_at (a trigger bumps it on any change),
 * so an edit, a deactivation or new feedback statistics reload the library on the next call. It
 * is a digest of the whole set rather than max(updated_at), which a long transaction committing
 * late could leave unchanged.
 */
export async function loadActiveAtoms(tx: Queryable): Promise<readonly AssemblyAtom[]> {
  const [stamp] = await tx<{ version: string }[]>`
    select md5(coalesce(string_agg(id::text || '@' || updated_at::text, ',' order by id), '')) as version
    from public.prompt_atoms where is_active`;
  if (cached && cached.version === stamp!.version) return cached.atoms;
  const rows = await tx<AtomRow[]>`
    select ${tx(ATOM_COLUMNS)} from public.prompt_atoms
    where is_active
    order by name collate "C", version`;
  const atoms = Object.freeze(rows.map(toAtom));
  cached = { version: stamp!.version, atoms };
  return atoms;
}
