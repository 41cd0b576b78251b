import type { CatalogTemplate } from '@/lib/templates/catalog-schema';
import { compareVersions } from '@/lib/templates/compare-versions';
import type { TemplateSummary } from '@/lib/zod/schemas/templates';

export interface TemplateStatsRow {
  template_id: string;
  uses: number;
  users: number;
  rating_avg: number | null;
  rating_count: number;
}

export interface OwnCustomizationRow {
  template_id: string;
  version: number;
  enabled: boolean;
  base_version: string | null;
}

/** A catalog entry as the list and the detail show it: the file's metadata, the latest published version, counts, and the caller's customisation state. */
export function templateSummary(
  template: CatalogTemplate,
  latestVersion: string,
  stats: TemplateStatsRow | undefined,
  own: OwnCustomizationRow | undefined,
  recommendationScore: number | null = null,
): TemplateSummary {
  return {
    id: template.id,
    name: template.name,
    description: template.description,
    milestone: template.milestone,
    priority: template.priority,
    tags: template.tags,
    stacks: template.stacks,
    securityLevel: template.securityLevel,
    optimizationLevel: template.optimizationLevel,
    latestVersion,
    dependencies: template.dependencies,
    uses: stats?.uses ?? 0,
    rating: { average: stats?.rating_avg ?? null, count: stats?.rating_count ?? 0 },
    customization: own
      ? {
          state: own.enabled ? 'enabled' : 'customized',
          version: own.version,
          baseVersion: own.base_version,
          behindUpstream: own.base_version === null || compareVersions(latestVersion, own.base_version) > 0,
        }
      : { state: 'none', version: null, baseVersion: null, behindUpstream: false },
    recommendationScore,
  };
}
