import { createSql } from '@/lib/db/client';
import { resolveScriptDatabaseUrl } from './script-database';

// npm run admin:grant -- <email> [--revoke]: admin lives in app_metadata, which only the server
// (the database owner or the service role) can change, never the user. Every change is audited.
const email = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
const revoke = process.argv.includes('--revoke');
if (!email) {
  console.error('Usage: npm run admin:grant -- <email> [--revoke]');
  process.exit(1);
}

const { url, close } = await resolveScriptDatabaseUrl();
const sql = createSql(url, 1);
try {
  // The same function the admin page uses, with no actor: it writes the audit row (actor "script")
  // in the same transaction. The script may revoke the last administrator; the UI may not.
  const [user] = await sql<{ id: string }[]>`select id from auth.users where lower(email) = lower(${email})`;
  if (!user) {
    console.error(`No user with email ${email}.`);
    process.exitCode = 1;
  } else {
    const [row] = await sql<{ changed: boolean }[]>`select private.apply_admin_change(${user.id}, ${!revoke}, null) as changed`;
    const state = revoke ? 'no longer an administrator' : 'an administrator';
    console.log(row!.changed ? `${email} is now ${state}.` : `${email} was already ${state}; nothing changed.`);
  }
} finally {
  await sql.end({ timeout: 5 });
  await close();
}
