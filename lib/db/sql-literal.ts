/**
 * A value written into a statement's text as a literal, for hot statements that should carry no
 * bind parameters. Why: with prepare: false (the transaction pooler), postgres.js sends every
 * statement that has parameters as Parse/Describe first, waits for the server's parameter types,
 * and only then sends Bind/Execute; that is a second round trip per statement, and nothing queued
 * behind it on the connection goes out meanwhile. A statement without parameters goes out whole
 * and is pipelined with its neighbours. Use it through tx.unsafe() for the few statements every
 * agent run makes; everything else keeps ordinary tagged templates.
 *
 * Text travels base64-encoded and is decoded by the server (as the claims are in
 * user-transaction.ts), so no character of it can end the literal. Objects and arrays become
 * jsonb. The literal is untyped text for strings: cast it where the target is not text.
 */
export function sqlLiteral(value: string | number | boolean | null | object): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('sqlLiteral: the number is not finite');
    // In parentheses, so a negative number after a minus sign never reads as a comment (`1 --5`).
    return `(${String(value)})`;
  }
  if (typeof value === 'string') return `convert_from(decode('${Buffer.from(value, 'utf8').toString('base64')}', 'base64'), 'utf8')`;
  return `(${sqlLiteral(JSON.stringify(value))})::jsonb`;
}
