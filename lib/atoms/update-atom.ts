import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { assertSliderRange, atomColumns, atomWriteError, ATOM_COLUMNS, toAtom, type AtomFields, type AtomRow } from '@/lib/atoms/atom-row';
import type { Atom } from '@/lib/zod/schemas/atoms';

/**
 * Edits an atom in place (its name and version are fixed). Activating one version deactivates the
 * other versions of that name in the same transaction, so assembly never blends two versions of
 * one atom: re-activating an old version is how an admin rolls back.
 */
export async function updateAtom(tx: Queryable, { atomId, changes }: { atomId: string; changes: Omit<AtomFields, 'name'> }): Promise<Atom> {
  let row: AtomRow | undefined;
  try {
    [row] = await tx<AtomRow[]>`
      update public.prompt_atoms set ${tx(atomColumns(tx, changes))} where id = ${atomId}
      returning ${tx(ATOM_COLUMNS)}`;
  } catch (error) {
    throw atomWriteError(error);
  }
  if (!row) throw new ApiError('not_found', 'No atom with this id exists.');
  assertSliderRange(row);
  if (changes.isActive === true) {
    await tx`update public.prompt_atoms set is_active = false where name = ${row.name} and id <> ${row.id} and is_active`;
  }
  return toAtom(row);
}
