import { writeFileSync } from 'node:fs';
import { TEMPLATE_SEED_FILE } from '@/lib/db/migrations';
import { catalogSeedSql } from '@/lib/templates/catalog-seed-sql';
import { loadCatalog } from '@/lib/templates/load-catalog';

// npm run templates:seed: writes supabase/seed-templates.sql from templates/catalog (a test fails when they differ).
const catalog = loadCatalog();
writeFileSync(TEMPLATE_SEED_FILE, catalogSeedSql(catalog));
console.log(`Wrote ${catalog.length} templates to supabase/seed-templates.sql.`);
