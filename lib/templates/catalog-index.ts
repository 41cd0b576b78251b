import type { CatalogTemplate } from '@/lib/templates/catalog-schema';
import { cachedCatalog } from '@/lib/templates/cached-catalog';

/** A catalog template with what ordering needs: its place in the catalog and everything it builds on. */
export interface IndexedTemplate {
  template: CatalogTemplate;
  /** Its position in catalog order: milestone, then id. */
  rank: number;
  /** Every template it depends on, directly or through others. */
  requires: ReadonlySet<string>;
}

let cached: ReadonlyMap<string, IndexedTemplate> | undefined;

/**
 * The catalog by id with each template's rank and transitive dependencies (over cachedCatalog). The
 * catalog test proves the dependencies acyclic; should a cycle appear anyway, the walk stops at a
 * template already on its path instead of looping.
 */
export function catalogIndex(): ReadonlyMap<string, IndexedTemplate> {
  if (cached) return cached;
  const { list: catalog, byId } = cachedCatalog();
  const closure = new Map<string, Set<string>>();
  const walk = (id: string, path: Set<string>): Set<string> => {
    const known = closure.get(id);
    if (known) return known;
    const requires = new Set<string>();
    path.add(id);
    for (const dependency of byId.get(id)?.dependencies ?? []) {
      if (path.has(dependency) || !byId.has(dependency)) continue;
      requires.add(dependency);
      for (const further of walk(dependency, path)) requires.add(further);
    }
    path.delete(id);
    requires.delete(id);
    closure.set(id, requires);
    return requires;
  };
  cached = new Map(catalog.map((template, rank) => [template.id, { template, rank, requires: walk(template.id, new Set()) }]));
  return cached;
}
