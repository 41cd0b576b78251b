import type { Queryable } from '@/lib/db/client';
import { customizationContext, type CustomizationContext } from '@/lib/templates/customization-context';
import { toCustomization } from '@/lib/templates/customization-row';
import { recordTemplateEvent } from '@/lib/templates/record-template-event';
import { templateStats } from '@/lib/templates/template-stats';
import { templateSummary } from '@/lib/templates/template-summary';
import type { TemplateDetail } from '@/lib/zod/schemas/templates';

/**
 * One template in full (variables and mega-prompt of its latest version), its versions newest
 * first and the caller's customisation. Records a view. A caller that has read the customisation
 * context already passes it.
 */
export async function getTemplate(
  tx: Queryable,
  { userId, templateId, context }: { userId: string; templateId: string; context?: CustomizationContext },
): Promise<TemplateDetail> {
  const { template, versions, latest, row, base } = context ?? (await customizationContext(tx, { userId, templateId }));
  const [stats] = await Promise.all([templateStats(tx, templateId), recordTemplateEvent(tx, { userId, templateId, event: 'view' })]);
  return {
    template: {
      ...templateSummary(template, latest.version, stats.get(templateId), row ?? undefined),
      variables: latest.variables,
      megaPrompt: latest.megaPrompt,
    },
    versions: versions.map((version) => ({ version: version.version, changelog: version.changelog, createdAt: version.createdAt.toISOString() })),
    customization: row ? toCustomization(row, base) : null,
  };
}
