import type { Queryable } from '@/lib/db/client';
import { EXPORT_COLUMNS, USER_TABLES, type UserTable } from '@/lib/account/user-tables';
import type { AccountExport, ExportRow } from '@/lib/zod/schemas/account';

/** The sections people look for first; every other user-owned table goes under `other` by name. */
const SECTIONS = new Set<UserTable>(['user_profiles', 'vibe_configs', 'threads', 'agent_runs', 'usage_metrics']);

/**
 * Everything stored about the caller, as stored (every column, except credentials such as a
 * token's hash: EXPORT_COLUMNS), read under RLS in the caller's transaction: the user id scopes
 * every query and the policies are the backstop.
 */
export async function exportAccountData(tx: Queryable, { userId, email }: { userId: string; email: string | null }): Promise<AccountExport> {
  const rows = {} as Record<UserTable, ExportRow[]>;
  for (const { table, owner } of USER_TABLES) {
    const columns = EXPORT_COLUMNS[table];
    rows[table] = columns
      ? await tx<ExportRow[]>`select ${tx(columns as string[])} from ${tx(`public.${table}`)} where ${tx(owner)} = ${userId}`
      : await tx<ExportRow[]>`select * from ${tx(`public.${table}`)} where ${tx(owner)} = ${userId}`;
  }
  const vibes = rows.vibe_configs;
  const created = (row: ExportRow) => (row.created_at instanceof Date ? row.created_at.getTime() : 0);
  return {
    format: 'venture-companion-export',
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    account: { id: userId, email },
    profile: rows.user_profiles[0] ?? null,
    vibe: vibes.find((row) => row.kind === 'current') ?? null,
    presets: vibes.filter((row) => row.kind === 'preset'),
    // Oldest first, as a history reads; each run names its conversation (thread_id).
    conversations: rows.threads.sort((a, b) => created(a) - created(b)),
    runs: rows.agent_runs.sort((a, b) => created(a) - created(b)),
    usage: rows.usage_metrics,
    other: Object.fromEntries(USER_TABLES.filter(({ table }) => !SECTIONS.has(table)).map(({ table }) => [table, rows[table]])),
  };
}
