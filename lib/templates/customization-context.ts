import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { cachedCatalog } from '@/lib/templates/cached-catalog';
import type { CatalogTemplate } from '@/lib/templates/catalog-schema';
import { CUSTOMIZATION_COLUMNS, type CustomizationRow } from '@/lib/templates/customization-row';
import { templateVersions, type TemplateVersion } from '@/lib/templates/template-versions';

export const TEMPLATE_NOT_FOUND = 'No template with this id exists.';

export interface CustomizationContext {
  template: CatalogTemplate;
  /** Newest first; never empty. */
  versions: TemplateVersion[];
  latest: TemplateVersion;
  /** The caller's own customisation, if any (another user's is never read here). */
  row: CustomizationRow | null;
  /** The version the customisation is on: its base_version, or the latest when it has none (or none exists). */
  base: TemplateVersion;
}

/**
 * One catalog template with its published versions and the caller's customisation of it, read
 * together. A template that is not in the catalog files or has no published version is a 404.
 */
export async function customizationContext(tx: Queryable, { userId, templateId }: { userId: string; templateId: string }): Promise<CustomizationContext> {
  const template = cachedCatalog().byId.get(templateId);
  if (!template) throw new ApiError('not_found', TEMPLATE_NOT_FOUND);
  const [versionMap, rows] = await Promise.all([
    templateVersions(tx, [templateId]),
    tx<CustomizationRow[]>`
      select ${tx(CUSTOMIZATION_COLUMNS)} from public.user_template_customizations
      where user_id = ${userId} and template_id = ${templateId}`,
  ]);
  const versions = versionMap.get(templateId) ?? [];
  const latest = versions[0];
  if (!latest) throw new ApiError('not_found', TEMPLATE_NOT_FOUND);
  const row = rows[0] ?? null;
  const base = (row?.base_version && versions.find((version) => version.version === row.base_version)) || latest;
  return { template, versions, latest, row, base };
}
