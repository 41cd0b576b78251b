import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { customizationContext } from '@/lib/templates/customization-context';
import { CUSTOMIZATION_NOT_FOUND, toCustomization } from '@/lib/templates/customization-row';
import { historySnapshot } from '@/lib/templates/history-snapshot';
import { recordTemplateEvent } from '@/lib/templates/record-template-event';
import { saveCustomization } from '@/lib/templates/save-customization';
import type { Customization } from '@/lib/zod/schemas/templates';

/**
 * Rolls the caller's customisation back to version `toVersion`: a new version whose snapshot is
 * exactly that one's (values, instructions, enabled and the template version it was on); the
 * history keeps everything in between. 409 when `expectedVersion` is stale.
 */
export async function rollbackCustomization(
  tx: Queryable,
  { userId, templateId, toVersion, expectedVersion }: { userId: string; templateId: string; toVersion: number; expectedVersion: number },
): Promise<Customization> {
  const ctx = await customizationContext(tx, { userId, templateId });
  if (!ctx.row) throw new ApiError('not_found', CUSTOMIZATION_NOT_FOUND);
  const snapshot = await historySnapshot(tx, { userId, customizationId: ctx.row.id, version: toVersion });
  if (snapshot.baseVersion !== null && !ctx.versions.some((version) => version.version === snapshot.baseVersion)) {
    throw new ApiError('conflict', `Version ${toVersion} was made on template version ${snapshot.baseVersion}, which is no longer published. Rebase instead.`);
  }
  const row = await saveCustomization(tx, { userId, templateId, expectedVersion, snapshot, changeSummary: `Rolled back to version ${toVersion}` });
  await recordTemplateEvent(tx, { userId, templateId, event: 'customize' });
  const base = ctx.versions.find((version) => version.version === row.base_version) ?? ctx.base;
  return toCustomization(row, base);
}
