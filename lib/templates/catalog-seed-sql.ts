import type { CatalogTemplate } from '@/lib/templates/catalog-schema';

export const TEMPLATE_SEED_HEADER = `-- Generated from templates/catalog by \`npm run templates:seed\`: edit a template's file (and bump its
-- version), then run it. One row per template version; an existing (template_id, version) is left
-- alone, so a changed file reaches template_versions as a new version, never by rewriting one.
-- Plain SQL only: it runs through \`npm run migrate -- --seed\` and through \`supabase db reset\`.`;

// Standard-conforming strings: a doubled quote is the only escape a literal needs.
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** supabase/seed-templates.sql: every catalog template's mega-prompt and variables as template_versions rows. */
export function catalogSeedSql(catalog: CatalogTemplate[]): string {
  const rows = catalog.map(
    (template) =>
      `  (${literal(template.id)}, ${literal(template.version)},\n   ${literal(template.megaPrompt)},\n   ${literal(JSON.stringify(template.variables))}::jsonb,\n   ${literal(`${template.name}: version ${template.version} from the catalog.`)})`,
  );
  return `${TEMPLATE_SEED_HEADER}\n\ninsert into public.template_versions (template_id, version, mega_prompt, variables, changelog)\nvalues\n${rows.join(',\n')}\non conflict (template_id, version) do nothing;\n`;
}
