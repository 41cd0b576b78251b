import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { assertSliderRange, atomColumns, atomWriteError, ATOM_COLUMNS, ATOM_CONTENT_COLUMNS, toAtom, type AtomFields, type AtomRow } from '@/lib/atoms/atom-row';
import type { Atom } from '@/lib/zod/schemas/atoms';

const COPIED_COLUMNS = ['name', ...ATOM_CONTENT_COLUMNS] as const;

/**
 * A new version of an atom: a copy of `atomId` with the changes applied and version = highest
 * version of that name + 1. Its usage statistics start from zero, since they measured the old
 * text. When the new version is active, every other version of the name is deactivated in the
 * same transaction; a version created inactive is a draft and leaves the live one alone.
 */
export async function createAtomVersion(
  tx: Queryable,
  { adminId, atomId, changes }: { adminId: string; atomId: string; changes: Omit<AtomFields, 'name'> },
): Promise<Atom> {
  const [source] = await tx<(Pick<AtomRow, (typeof COPIED_COLUMNS)[number]> & { next_version: number })[]>`
    select ${tx(COPIED_COLUMNS)},
      (select max(other.version) + 1 from public.prompt_atoms other where other.name = atom.name) as next_version
    from public.prompt_atoms atom where id = ${atomId}`;
  if (!source) throw new ApiError('not_found', 'No atom with this id exists.');
  const { next_version: version, ...copied } = source;
  const values = {
    ...copied,
    examples: tx.json(copied.examples),
    ...atomColumns(tx, changes),
    version,
    is_active: changes.isActive ?? true,
    created_by: adminId,
  };
  let row: AtomRow | undefined;
  try {
    // A concurrent new version of the same name takes the same number and loses here with a 409.
    [row] = await tx<AtomRow[]>`insert into public.prompt_atoms ${tx(values)} returning ${tx(ATOM_COLUMNS)}`;
  } catch (error) {
    throw atomWriteError(error, { name: source.name, version });
  }
  assertSliderRange(row!);
  if (row!.is_active) {
    await tx`update public.prompt_atoms set is_active = false where name = ${row!.name} and id <> ${row!.id} and is_active`;
  }
  return toAtom(row!);
}
