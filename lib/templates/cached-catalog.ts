import { loadCatalog } from '@/lib/templates/load-catalog';
import type { CatalogTemplate } from '@/lib/templates/catalog-schema';

export interface CatalogIndex {
  /** In milestone order, then by file name: the catalog's own order. */
  list: CatalogTemplate[];
  byId: Map<string, CatalogTemplate>;
}

let cached: CatalogIndex | undefined;

/**
 * The catalog files, read once per process. The files ship with the code, so their metadata
 * (name, tags, stacks, levels, dependencies) cannot change while the process runs; which versions
 * exist, and each version's variables and mega-prompt, come from template_versions.
 */
export function cachedCatalog(): CatalogIndex {
  if (!cached) {
    const list = loadCatalog();
    cached = { list, byId: new Map(list.map((template) => [template.id, template])) };
  }
  return cached;
}
