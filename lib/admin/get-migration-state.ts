import type { Queryable } from '@/lib/db/client';
import { readMigrations } from '@/lib/db/migrations';
import type { AdminHealth } from '@/lib/zod/schemas/admin';

/**
 * The migrations the database applied against those in supabase/migrations: pending are files the
 * database has not applied, unknown are versions it applied that no file carries (a deployment
 * older than its database). When the files are not readable, only the applied side is known.
 */
export async function getMigrationState(tx: Queryable, dir?: string): Promise<AdminHealth['migrations']> {
  const [appliedRows, files] = await Promise.all([
    tx<{ version: string; name: string | null }[]>`select * from private.admin_applied_migrations()`,
    readMigrations(dir).catch(() => null),
  ]);
  const applied = new Set(appliedRows.map((row) => row.version));
  const latestApplied = appliedRows.length > 0 ? appliedRows[appliedRows.length - 1]!.version : null;
  if (files === null || files.length === 0) {
    return { applied: applied.size, present: null, latestApplied, pending: [], unknown: [], upToDate: null };
  }
  const present = new Set(files.map((file) => file.version));
  const pending = files.filter((file) => !applied.has(file.version)).map((file) => file.file);
  const unknown = [...applied].filter((version) => !present.has(version)).sort();
  return { applied: applied.size, present: present.size, latestApplied, pending, unknown, upToDate: pending.length === 0 };
}
