import type { Queryable } from '@/lib/db/client';
import { cachedCatalog } from '@/lib/templates/cached-catalog';
import { compareVersions } from '@/lib/templates/compare-versions';
import { recommendationScore } from '@/lib/templates/recommendation-score';
import { templateStats } from '@/lib/templates/template-stats';
import { templateSummary, type OwnCustomizationRow } from '@/lib/templates/template-summary';
import type { Role, StackFlag } from '@/lib/zod/schemas/profile';
import type { ListTemplatesQuery, TemplateList, TemplateSummary } from '@/lib/zod/schemas/templates';

/**
 * The catalog, filtered and sorted. Metadata comes from the catalog files (cached), the latest
 * version from template_versions (a template with no published version is not listed), counts
 * from the aggregate, and the caller's own customisations under RLS; the four reads go out together.
 *
 * sort=milestone keeps the catalog order; popular orders by how many people used the template, then
 * by uses, average rating and number of ratings; recommended by recommendationScore (role and stack
 * of the caller's profile).
 */
export async function listTemplates(tx: Queryable, { userId, query }: { userId: string; query: ListTemplatesQuery }): Promise<TemplateList> {
  const [versionRows, stats, own, profiles] = await Promise.all([
    tx<{ template_id: string; version: string }[]>`select template_id, version from public.template_versions`,
    templateStats(tx),
    tx<OwnCustomizationRow[]>`select template_id, version, enabled, base_version from public.user_template_customizations where user_id = ${userId}`,
    query.sort === 'recommended'
      ? tx<{ role: Role | null; stack: Partial<Record<StackFlag, boolean>> }[]>`select role, stack from public.user_profiles where user_id = ${userId}`
      : Promise.resolve([]),
  ]);
  const latest = new Map<string, string>();
  for (const row of versionRows) {
    const current = latest.get(row.template_id);
    if (current === undefined || compareVersions(row.version, current) > 0) latest.set(row.template_id, row.version);
  }
  const ownById = new Map(own.map((row) => [row.template_id, row]));
  const needle = query.q?.toLowerCase();
  const profile = profiles[0] ?? { role: null, stack: {} };

  const templates: TemplateSummary[] = [];
  for (const template of cachedCatalog().list) {
    const latestVersion = latest.get(template.id);
    if (latestVersion === undefined) continue;
    if (query.milestone && template.milestone !== query.milestone) continue;
    if (query.stack && !template.stacks.includes(query.stack)) continue;
    if (query.priority && template.priority !== query.priority) continue;
    if (query.security && template.securityLevel !== query.security) continue;
    if (needle && ![template.name, template.description, ...template.tags].some((text) => text.toLowerCase().includes(needle))) continue;
    const score = query.sort === 'recommended' ? recommendationScore(template, profile) : null;
    templates.push(templateSummary(template, latestVersion, stats.get(template.id), ownById.get(template.id), score));
  }
  if (query.sort === 'recommended') templates.sort((a, b) => b.recommendationScore! - a.recommendationScore!);
  if (query.sort === 'popular') {
    const users = (summary: TemplateSummary) => stats.get(summary.id)?.users ?? 0;
    templates.sort((a, b) => users(b) - users(a) || b.uses - a.uses || (b.rating.average ?? 0) - (a.rating.average ?? 0) || b.rating.count - a.rating.count);
  }
  return { templates };
}
