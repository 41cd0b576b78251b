import { createSql } from '@/lib/db/client';
import { verifyDatabase } from '@/lib/db/verify';
import { resolveScriptDatabaseUrl } from './script-database';

// npm run verify-migrations: prints ✅/❌ per check and exits 1 if any check fails.
const { url, close } = await resolveScriptDatabaseUrl();
const sql = createSql(url, 1);
try {
  const checks = await verifyDatabase(sql);
  for (const check of checks) console.log(`${check.ok ? '✅' : '❌'} ${check.label}`);
  const failed = checks.filter((check) => !check.ok).length;
  console.log(failed === 0 ? `\nAll ${checks.length} checks passed.` : `\n${failed} of ${checks.length} checks failed.`);
  if (failed > 0) process.exitCode = 1;
} catch (error) {
  console.error(`❌ Could not verify: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await sql.end({ timeout: 5 });
  await close();
}
