import type { Queryable } from '@/lib/db/client';
import { checkDraft } from '@/lib/templates/check-draft';
import { customizationContext } from '@/lib/templates/customization-context';
import { toCustomization } from '@/lib/templates/customization-row';
import { recordTemplateEvent } from '@/lib/templates/record-template-event';
import { saveCustomization } from '@/lib/templates/save-customization';
import type { Customization, PutCustomizationBody } from '@/lib/zod/schemas/templates';

/**
 * Saves the caller's customisation as a new version: values checked against the version it is on
 * (a new one starts on the latest), 400 with `fields` on any problem and nothing written; 409 when
 * `expectedVersion` is not the stored version.
 */
export async function putCustomization(tx: Queryable, { userId, templateId, body }: { userId: string; templateId: string; body: PutCustomizationBody }): Promise<Customization> {
  const { base } = await customizationContext(tx, { userId, templateId });
  const checked = checkDraft(base, body, { throwOnError: true });
  const row = await saveCustomization(tx, {
    userId,
    templateId,
    expectedVersion: body.expectedVersion,
    snapshot: { variables: checked.variables, customInstructions: body.customInstructions, enabled: body.enabled, baseVersion: base.version },
    changeSummary: body.expectedVersion === 0 ? `Customised on version ${base.version}` : 'Edited',
  });
  await recordTemplateEvent(tx, { userId, templateId, event: 'customize' });
  return toCustomization(row, base);
}
