import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { ATOM_COLUMNS, toAtom, type AtomRow } from '@/lib/atoms/atom-row';
import type { Atom } from '@/lib/zod/schemas/atoms';

/**
 * Atoms are deactivated, never deleted: past runs and their blend recipes keep pointing at them.
 * Deactivating an inactive atom is a no-op that still answers with the atom.
 */
export async function deactivateAtom(tx: Queryable, { atomId }: { atomId: string }): Promise<Atom> {
  const [row] = await tx<AtomRow[]>`
    update public.prompt_atoms set is_active = false where id = ${atomId} returning ${tx(ATOM_COLUMNS)}`;
  if (!row) throw new ApiError('not_found', 'No atom with this id exists.');
  return toAtom(row);
}
