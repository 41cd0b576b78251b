import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { checkDraft } from '@/lib/templates/check-draft';
import { customizationContext } from '@/lib/templates/customization-context';
import { toCustomization } from '@/lib/templates/customization-row';
import { readSharedCustomization } from '@/lib/templates/read-shared-customization';
import { recordTemplateEvent } from '@/lib/templates/record-template-event';
import { saveCustomization } from '@/lib/templates/save-customization';
import type { Customization } from '@/lib/zod/schemas/templates';

/**
 * Copies a customisation shared with the caller into their own customisation of the template: a
 * new one, or a new version of theirs (optimistic: `expectedVersion`, when given, must be the
 * stored version, else 409). The values are checked again against the version the shared one is
 * on (400 with `fields` if any no longer fits); the copy is enabled and records a clone event.
 */
export async function cloneSharedCustomization(
  tx: Queryable,
  { userId, shareId, expectedVersion }: { userId: string; shareId: string; expectedVersion?: number },
): Promise<Customization> {
  const shared = await readSharedCustomization(tx, { userId, shareId });
  if (shared.ownerId === userId) throw new ApiError('bad_request', 'This customisation is already yours: there is nothing to clone.');
  const templateId = shared.row.template_id;
  const ctx = await customizationContext(tx, { userId, templateId });
  const base = ctx.versions.find((version) => version.version === shared.row.base_version);
  if (!base) throw new ApiError('conflict', 'The shared customisation is on a template version that is no longer published, so it cannot be cloned as it is.');
  const checked = checkDraft(base, { variables: shared.row.variables, customInstructions: shared.row.custom_instructions }, { throwOnError: true });
  const row = await saveCustomization(tx, {
    userId,
    templateId,
    expectedVersion: expectedVersion ?? ctx.row?.version ?? 0,
    snapshot: { variables: checked.variables, customInstructions: checked.customInstructions, enabled: true, baseVersion: base.version },
    changeSummary: `Cloned from a shared customisation (version ${shared.row.version})`,
  });
  await recordTemplateEvent(tx, { userId, templateId, event: 'clone', metadata: { shareId } });
  return toCustomization(row, base);
}
