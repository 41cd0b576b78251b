import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, decodeCsv, encodeCsv } from '@/lib/templates/csv';

/** The CSV writer and reader of template exports: RFC 4180 quoting, and reading back what was written. */

const field = fc.array(fc.constantFrom(',', '"', '\r', '\n', ' ', 'a', 'é', '🚀', ''), { maxLength: 6 }).map((parts) => parts.join(''));

describe('csv', () => {
  it('reads back exactly the records it writes, whatever the fields hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 })), (records) => {
        // A record of one empty field is an empty line, which CSV cannot tell from no record.
        fc.pre(records.every((record) => record.length > 1 || record[0] !== ''));
        expect(decodeCsv(encodeCsv(records))).toEqual(records);
      }),
      { seed: 20_261_201, numRuns: 2000 },
    );
  });

  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(encodeCsv([['a,b', 'say "hi"', 'one\ntwo', 'cr\r', 'plain']])).toBe('"a,b","say ""hi""","one\ntwo","cr\r",plain\r\n');
  });

  it('reads LF or CRLF records, with or without a final line break', () => {
    expect(decodeCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(decodeCsv('a,b\r\n"c\r\nd",""\r\n')).toEqual([
      ['a', 'b'],
      ['c\r\nd', ''],
    ]);
  });

  it('refuses a stray or unclosed quote, naming the record', () => {
    expect(() => decodeCsv('a,b\nc"d,e')).toThrow(CsvSyntaxError);
    expect(() => decodeCsv('a\n"open')).toThrow(expect.objectContaining({ record: 2 }));
    expect(() => decodeCsv('"closed"x')).toThrow(/must end at a comma/);
  });
});
