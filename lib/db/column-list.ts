/**
 * A select list from column names known at build time (the *_COLUMNS constants), each quoted, for
 * statements written out in full (lib/db/sql-literal.ts) where `tx(columns)` cannot be used.
 */
export function columnList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
