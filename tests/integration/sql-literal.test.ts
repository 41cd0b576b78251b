import { describe, expect, it } from 'vitest';
import { sqlLiteral } from '@/lib/db/sql-literal';
import { ownerSql } from '@/tests/support/database';

/** lib/db/sql-literal.ts: values written into statement text arrive exactly, and nothing in them is SQL. */

const sql = ownerSql();

const HOSTILE = [
  '',
  "it's",
  "'); drop table public.agent_runs; --",
  'back\\slash \\\' and E\'\\x27\'',
  '$$ dollar $tag$ quotes',
  'ünïcödé — 🚀 中文',
  'line\nbreak\r\ttab',
  'convert_from(decode(',
];

describe('sqlLiteral', () => {
  it.each(HOSTILE)('a string arrives unchanged as text: %j', async (value) => {
    const [row] = await sql.unsafe<{ value: string; type: string }[]>(`select ${sqlLiteral(value)} as value, pg_typeof(${sqlLiteral(value)})::text as type`);
    expect(row).toEqual({ value, type: 'text' });
  });

  it('objects and arrays arrive as jsonb, their strings unchanged', async () => {
    const value = { quote: "'); drop table x; --", nested: [1, 'two', null, { three: true }], unicode: 'é🚀' };
    const [row] = await sql.unsafe<{ value: unknown; type: string }[]>(`select ${sqlLiteral(value)} as value, pg_typeof(${sqlLiteral(value)})::text as type`);
    expect(row).toEqual({ value, type: 'jsonb' });
    const [ids] = await sql.unsafe<{ ids: string[] }[]>(
      `select array(select jsonb_array_elements_text(${sqlLiteral(['00000000-0000-4000-8000-000000000001'])}))::uuid[] as ids`,
    );
    expect(ids!.ids).toEqual(['00000000-0000-4000-8000-000000000001']);
  });

  it('numbers, booleans and null are plain literals; a number that is not finite is refused', async () => {
    const [row] = await sql.unsafe(`select ${sqlLiteral(-42)}::integer as n, ${sqlLiteral(0.5)}::numeric as f, ${sqlLiteral(true)} as t, ${sqlLiteral(false)} as f2, ${sqlLiteral(null)}::text as z`);
    expect(row).toEqual({ n: -42, f: '0.5', t: true, f2: false, z: null });
    // After a minus sign a negative number stays a number, not the start of a comment.
    const [difference] = await sql.unsafe(`select 1 -${sqlLiteral(-5)} as d`);
    expect(difference).toEqual({ d: 6 });
    expect(() => sqlLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => sqlLiteral(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});
