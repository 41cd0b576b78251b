import type { Queryable } from '@/lib/db/client';
import { atomColumns, atomWriteError, ATOM_COLUMNS, toAtom, type AtomFields, type AtomRow } from '@/lib/atoms/atom-row';
import type { Atom } from '@/lib/zod/schemas/atoms';

/** Adds version 1 of a new atom. RLS lets only admins insert; created_by records which one. */
export async function createAtom(tx: Queryable, { adminId, atom }: { adminId: string; atom: AtomFields & { name: string } }): Promise<Atom> {
  const values = { ...atomColumns(tx, atom), version: 1, created_by: adminId };
  try {
    const [row] = await tx<AtomRow[]>`insert into public.prompt_atoms ${tx(values)} returning ${tx(ATOM_COLUMNS)}`;
    return toAtom(row!);
  } catch (error) {
    throw atomWriteError(error, { name: atom.name });
  }
}
