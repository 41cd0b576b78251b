import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { checkDraft } from '@/lib/templates/check-draft';
import { customizationContext } from '@/lib/templates/customization-context';
import { CUSTOMIZATION_NOT_FOUND, effectiveValues } from '@/lib/templates/customization-row';
import { diffLines } from '@/lib/templates/diff-lines';
import { draftOf } from '@/lib/templates/draft-of';
import { recordTemplateEvent } from '@/lib/templates/record-template-event';
import { renderCustomization } from '@/lib/templates/render-customization';
import type { DraftCustomizationBody } from '@/lib/zod/schemas/templates';

/**
 * Side by side: the base version rendered with its defaults, and the customisation (the saved one,
 * or the draft in the body: 400 with `fields` when it is not valid), with their line diff. Nothing
 * is saved; a render event is recorded. Without a draft or a saved customisation, 404.
 */
export async function previewCustomization(tx: Queryable, { userId, templateId, body }: { userId: string; templateId: string; body: DraftCustomizationBody }) {
  const { base, row } = await customizationContext(tx, { userId, templateId });
  if (!row && body.variables === undefined && body.customInstructions === undefined) throw new ApiError('not_found', CUSTOMIZATION_NOT_FOUND);
  const checked = checkDraft(base, draftOf(body, row), { throwOnError: true });
  const basePrompt = renderCustomization(base.megaPrompt, effectiveValues(base, {}));
  const customizedPrompt = renderCustomization(base.megaPrompt, checked.values, checked.customInstructions);
  await recordTemplateEvent(tx, { userId, templateId, event: 'render' });
  return {
    base: { version: null, baseVersion: base.version, prompt: basePrompt },
    customized: { version: row?.version ?? null, baseVersion: base.version, prompt: customizedPrompt },
    diff: diffLines(basePrompt, customizedPrompt),
  };
}
