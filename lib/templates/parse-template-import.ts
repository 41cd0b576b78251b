import { parse as parseYaml } from 'yaml';
import { CsvSyntaxError, decodeCsv } from '@/lib/templates/csv';
import { CSV_COLUMNS } from '@/lib/templates/serialize-template-export';
import { MAX_IMPORT_ROWS, type TransferFormat } from '@/lib/zod/schemas/template-sharing';

export interface ImportProblem {
  row: number;
  field: string;
  message: string;
}

export interface ParsedImport {
  /** Each customisation as the file holds it, not yet checked. */
  customizations: unknown[];
  presets: unknown[];
  /** Problems with the file as a whole (row 0) or with a CSV row's cells. */
  errors: ImportProblem[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fromDocument(data: unknown): ParsedImport {
  // A bare list of customisations is accepted too.
  if (Array.isArray(data)) return { customizations: data, presets: [], errors: [] };
  if (!isRecord(data)) return { customizations: [], presets: [], errors: [{ row: 0, field: 'file', message: 'must be an export document with a customizations list' }] };
  const errors: ImportProblem[] = [];
  if (data.format !== undefined && data.format !== 'venture-companion-templates') errors.push({ row: 0, field: 'format', message: 'is not an export of template customisations' });
  if (data.formatVersion !== undefined && data.formatVersion !== 1) errors.push({ row: 0, field: 'formatVersion', message: 'must be 1' });
  const customizations = data.customizations ?? [];
  const presets = data.presets ?? [];
  if (!Array.isArray(customizations)) errors.push({ row: 0, field: 'customizations', message: 'must be a list' });
  if (!Array.isArray(presets)) errors.push({ row: 0, field: 'presets', message: 'must be a list' });
  return { customizations: Array.isArray(customizations) ? customizations : [], presets: Array.isArray(presets) ? presets : [], errors };
}

function fromCsv(text: string): ParsedImport {
  let records: string[][];
  try {
    records = decodeCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { customizations: [], presets: [], errors: [{ row: Math.max(0, error.record - 1), field: 'file', message: `is not valid CSV: ${error.message}` }] };
  }
  const [header, ...rows] = records;
  const columns = header ?? [];
  const missing = CSV_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0 || columns.length !== CSV_COLUMNS.length) {
    return { customizations: [], presets: [], errors: [{ row: 0, field: 'header', message: `must name the columns ${CSV_COLUMNS.join(', ')}` }] };
  }
  const errors: ImportProblem[] = [];
  const customizations = rows.map((cells, index) => {
    const row = index + 1;
    if (cells.length !== columns.length) {
      errors.push({ row, field: 'row', message: `has ${cells.length} fields, not ${columns.length}` });
      return {};
    }
    const cell = (name: (typeof CSV_COLUMNS)[number]) => cells[columns.indexOf(name)]!;
    const enabled = cell('enabled');
    let variables: unknown;
    try {
      variables = JSON.parse(cell('variables') || '{}');
    } catch {
      errors.push({ row, field: 'variables', message: 'must be a JSON object' });
    }
    return {
      templateId: cell('templateId'),
      baseVersion: cell('baseVersion') === '' ? null : cell('baseVersion'),
      enabled: enabled === 'true' ? true : enabled === 'false' ? false : enabled,
      customInstructions: cell('customInstructions'),
      variables,
    };
  });
  return { customizations, presets: [], errors };
}

/** A file's rows, by format; nothing is checked against the catalog here. */
export function parseTemplateImport(format: TransferFormat, content: string): ParsedImport {
  let parsed: ParsedImport;
  if (format === 'csv') parsed = fromCsv(content);
  else {
    let data: unknown;
    try {
      data = format === 'json' ? JSON.parse(content) : parseYaml(content, { maxAliasCount: 100 });
    } catch {
      return { customizations: [], presets: [], errors: [{ row: 0, field: 'file', message: `is not valid ${format.toUpperCase()}` }] };
    }
    parsed = fromDocument(data);
  }
  if (parsed.customizations.length + parsed.presets.length > MAX_IMPORT_ROWS) {
    parsed.errors.push({ row: 0, field: 'file', message: `holds more than ${MAX_IMPORT_ROWS} rows` });
  }
  return parsed;
}
