import path from 'node:path';

/**
 * Where scripts/e2e-server.ts writes the URL of its throwaway database while it runs, so browser
 * tests can change what only the server may (e.g. grant admin; e2e/database.ts). It lies in
 * Playwright's outputDir (test-results/, gitignored), which Playwright empties before it starts
 * the web server; e2e-server removes the file when it stops.
 */
export const E2E_DATABASE_URL_FILE = path.join(import.meta.dirname, '..', '..', 'test-results', 'e2e-database-url');
