import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { snapshotSchema, type CustomizationSnapshot } from '@/lib/zod/schemas/templates';

/** The snapshot of one saved version of a customisation (404 naming the version when it does not exist). */
export async function historySnapshot(tx: Queryable, { userId, customizationId, version }: { userId: string; customizationId: string; version: number }): Promise<CustomizationSnapshot> {
  const [row] = await tx<{ snapshot: unknown }[]>`
    select snapshot from public.template_customization_history
    where customization_id = ${customizationId} and user_id = ${userId} and version = ${version}`;
  if (!row) throw new ApiError('not_found', `The customisation has no version ${version}.`);
  return snapshotSchema.parse(row.snapshot);
}
