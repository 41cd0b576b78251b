import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { MILESTONES, templateMetaSchema, type CatalogTemplate } from '@/lib/templates/catalog-schema';

/** Where the catalog lives: one Markdown file per template, in its milestone's folder. */
export const CATALOG_DIR = path.join(process.cwd(), 'templates', 'catalog');

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/;

/**
 * Reads every template of the catalog from its file: YAML front matter (validated by
 * templateMetaSchema) and the mega-prompt below it. A file whose name, folder and front matter
 * disagree, or that does not validate, throws with the file's path, so a bad file fails the tests
 * and the seed rather than reaching a user.
 */
export function loadCatalog(dir: string = CATALOG_DIR): CatalogTemplate[] {
  // The paths are computed, so the bundler is told not to trace them (it would take the whole
  // project); next.config.ts ships templates/catalog with the API functions instead.
  const templates: CatalogTemplate[] = [];
  for (const milestone of MILESTONES) {
    const folder = path.join(/*turbopackIgnore: true*/ dir, milestone.id);
    // A milestone with no template yet has no folder (git keeps no empty ones); the catalog test counts them all.
    if (!existsSync(/*turbopackIgnore: true*/ folder)) continue;
    const files = readdirSync(/*turbopackIgnore: true*/ folder).filter((file) => file.endsWith('.md')).sort();
    for (const file of files) {
      const where = path.join('templates', 'catalog', milestone.id, file);
      const parts = FRONT_MATTER.exec(readFileSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ folder, file), 'utf8').replaceAll('\r\n', '\n'));
      if (!parts) throw new Error(`${where}: no YAML front matter between --- lines`);
      const meta = templateMetaSchema.safeParse(parse(parts[1]!));
      if (!meta.success) throw new Error(`${where}: ${meta.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      if (`${meta.data.id}.md` !== file) throw new Error(`${where}: the file must be named after its id (${meta.data.id}.md)`);
      if (meta.data.milestone !== milestone.id) throw new Error(`${where}: its milestone says ${meta.data.milestone}`);
      templates.push({ ...meta.data, megaPrompt: parts[2]!.trim() });
    }
  }
  return templates;
}
