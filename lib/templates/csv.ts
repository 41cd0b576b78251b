/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF; a field holding a comma,
 * a quote, CR or LF (or starting with a space) is quoted, its quotes doubled. Parsing accepts CRLF
 * or LF between records and a final line break or none.
 */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function encodeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((field) => (NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(',')).join('\r\n') + '\r\n';
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly record: number,
    message: string,
  ) {
    super(message);
  }
}

/** The records of a CSV text, each a list of fields. Throws CsvSyntaxError (with the 1-based record) on a stray or unclosed quote. */
export function decodeCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') throw new CsvSyntaxError(records.length + 1, 'a quoted field must end at a comma or a line break');
        continue;
      }
      field += char;
      i += 1;
      continue;
    }
    if (char === '"') {
      if (fieldStarted || field !== '') throw new CsvSyntaxError(records.length + 1, 'a quote may only start a field');
      quoted = true;
      fieldStarted = true;
      i += 1;
    } else if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += char;
      fieldStarted = true;
      i += 1;
    }
  }
  if (quoted) throw new CsvSyntaxError(records.length + 1, 'a quoted field is not closed');
  if (fieldStarted || field !== '' || record.length > 0) endRecord();
  return records;
}
