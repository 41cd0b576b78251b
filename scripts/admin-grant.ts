import { createSql } from '@/lib/db/client';
import { resolveScriptDatabaseUrl } from './script-database';

// npm run admin:grant -- <email> [--revoke]: admin lives in app_metadata, which only the server
// (the database owner or the service role) can change, never the user.
const email = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const revoke = process.argv.includes('--revoke');
if (!email) {
  console.error('Usage: npm run admin:grant -- <email> [--revoke]');
  process.exit(1);
}

const { url, close } = await resolveScriptDatabaseUrl();
const sql = createSql(url, 1);
try {
  const rows = revoke
    ? await sql`update auth.users set raw_app_meta_data = raw_app_meta_data - 'role' where lower(email) = lower(${email}) returning id`
    : await sql`update auth.users set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || '{"role":"admin"}'::jsonb
        where lower(email) = lower(${email}) returning id`;
  if (rows.length === 0) {
    console.error(`No user with email ${email}.`);
    process.exitCode = 1;
  } else {
    console.log(revoke ? `${email} is no longer an administrator.` : `${email} is now an administrator.`);
  }
} finally {
  await sql.end({ timeout: 5 });
  await close();
}
