import type { Queryable } from '@/lib/db/client';
import { checkDraft } from '@/lib/templates/check-draft';
import { customizationContext } from '@/lib/templates/customization-context';
import { draftOf } from '@/lib/templates/draft-of';
import { recordTemplateEvent } from '@/lib/templates/record-template-event';
import { renderCustomization } from '@/lib/templates/render-customization';
import type { DraftCustomizationBody } from '@/lib/zod/schemas/templates';

/**
 * A test render with sample values: the sample (over the saved customisation, or the defaults)
 * rendered on the version the customisation is on, without saving; 400 with `fields` when a value
 * is not valid. Records a test event. Works before anything is saved.
 */
export async function testRenderCustomization(tx: Queryable, { userId, templateId, body }: { userId: string; templateId: string; body: DraftCustomizationBody }) {
  const { base, row } = await customizationContext(tx, { userId, templateId });
  const saved = draftOf({}, row);
  const checked = checkDraft(
    base,
    { variables: { ...saved.variables, ...body.variables }, customInstructions: body.customInstructions ?? saved.customInstructions },
    { throwOnError: true },
  );
  await recordTemplateEvent(tx, { userId, templateId, event: 'test' });
  return { baseVersion: base.version, values: checked.values, prompt: renderCustomization(base.megaPrompt, checked.values, checked.customInstructions) };
}
