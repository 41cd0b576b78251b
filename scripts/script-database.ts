import { EMBEDDED_DB_DIR, EMBEDDED_DB_PORT, isPortOpen, startEmbeddedDatabase } from '@/lib/db/embedded';

/**
 * The database a maintenance script works on: DATABASE_URL when set; otherwise the embedded
 * database of `npm run dev` (reached through its port while it runs, opened directly when not).
 */
export async function resolveScriptDatabaseUrl(): Promise<{ url: string; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, close: async () => {} };
  if (await isPortOpen(EMBEDDED_DB_PORT)) {
    return { url: `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_DB_PORT}/postgres?sslmode=disable`, close: async () => {} };
  }
  const embedded = await startEmbeddedDatabase({ dataDir: EMBEDDED_DB_DIR });
  return { url: embedded.url, close: () => embedded.stop() };
}
