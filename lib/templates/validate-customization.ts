import type { Queryable } from '@/lib/db/client';
import { checkDraft } from '@/lib/templates/check-draft';
import { customizationContext } from '@/lib/templates/customization-context';
import { draftOf } from '@/lib/templates/draft-of';
import type { DraftCustomizationBody, FieldError } from '@/lib/zod/schemas/templates';

/** The checks of a save, without saving: every problem with its field, against the version the customisation is on (the latest for a new one). */
export async function validateCustomization(
  tx: Queryable,
  { userId, templateId, body }: { userId: string; templateId: string; body: DraftCustomizationBody },
): Promise<{ valid: boolean; baseVersion: string; errors: FieldError[] }> {
  const { base, row } = await customizationContext(tx, { userId, templateId });
  const { errors } = checkDraft(base, draftOf(body, row), { throwOnError: false });
  return { valid: errors.length === 0, baseVersion: base.version, errors };
}
