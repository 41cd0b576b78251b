import { createSql } from '@/lib/db/client';
import { migrate, seed } from '@/lib/db/migrations';
import { resolveScriptDatabaseUrl } from './script-database';

// npm run migrate [-- --seed]: applies pending migrations (and optionally supabase/seed.sql).
const withSeed = process.argv.includes('--seed');
const { url, close } = await resolveScriptDatabaseUrl();
const sql = createSql(url, 1);
try {
  const result = await migrate(sql, { log: (line) => console.log(line) });
  console.log(
    result.applied.length === 0
      ? `Database is up to date (${result.skipped.length} migrations already applied).`
      : `Applied ${result.applied.length} migration(s); ${result.skipped.length} were already applied.`,
  );
  if (withSeed) {
    await seed(sql);
    console.log('Seeded supabase/seed.sql.');
  }
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await sql.end({ timeout: 5 });
  await close();
}
