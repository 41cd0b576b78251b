import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { compareTemplateVersions } from '@/lib/templates/compare-template-versions';
import { customizationContext } from '@/lib/templates/customization-context';
import { CUSTOMIZATION_NOT_FOUND, toCustomization } from '@/lib/templates/customization-row';
import type { CustomizationView } from '@/lib/zod/schemas/templates';

/** The caller's customisation, the version it is on, the latest, and what changed upstream since its base (404 when there is none). */
export async function getCustomization(tx: Queryable, { userId, templateId }: { userId: string; templateId: string }): Promise<CustomizationView> {
  const { row, base, latest } = await customizationContext(tx, { userId, templateId });
  if (!row) throw new ApiError('not_found', CUSTOMIZATION_NOT_FOUND);
  return {
    customization: toCustomization(row, base),
    baseVersion: base.version,
    latestVersion: latest.version,
    upstream: base.version === latest.version ? null : compareTemplateVersions(base, latest),
  };
}
