import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { compareTemplateVersions } from '@/lib/templates/compare-template-versions';
import { customizationContext, type CustomizationContext } from '@/lib/templates/customization-context';
import { CUSTOMIZATION_NOT_FOUND, toCustomization } from '@/lib/templates/customization-row';
import type { CustomizationView } from '@/lib/zod/schemas/templates';

/**
 * The caller's customisation, the version it is on, the latest, and what changed upstream since
 * its base (404 when there is none). A caller that has read the customisation context already
 * passes it.
 */
export async function getCustomization(
  tx: Queryable,
  { userId, templateId, context }: { userId: string; templateId: string; context?: CustomizationContext },
): Promise<CustomizationView> {
  const { row, base, latest } = context ?? (await customizationContext(tx, { userId, templateId }));
  if (!row) throw new ApiError('not_found', CUSTOMIZATION_NOT_FOUND);
  return {
    customization: toCustomization(row, base),
    baseVersion: base.version,
    latestVersion: latest.version,
    upstream: base.version === latest.version ? null : compareTemplateVersions(base, latest),
  };
}
