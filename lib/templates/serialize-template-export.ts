import { stringify } from 'yaml';
import { encodeCsv } from '@/lib/templates/csv';
import type { TemplateExport, TransferFormat } from '@/lib/zod/schemas/template-sharing';

export const CSV_COLUMNS = ['templateId', 'baseVersion', 'enabled', 'customInstructions', 'variables'] as const;

/**
 * An export document as a file. JSON and YAML hold the whole document; CSV holds one row per
 * customisation (no presets) with the values as a JSON object in the `variables` column and an
 * empty `baseVersion` for none.
 */
export function serializeTemplateExport(document: TemplateExport, format: TransferFormat): { body: string; contentType: string; extension: string } {
  switch (format) {
    case 'json':
      return { body: `${JSON.stringify(document, null, 2)}\n`, contentType: 'application/json; charset=utf-8', extension: 'json' };
    case 'yaml':
      // Block scalars keep multi-line instructions readable; strings YAML could read as something else are quoted.
      return { body: stringify(document, { lineWidth: 0 }), contentType: 'application/yaml; charset=utf-8', extension: 'yaml' };
    case 'csv':
      return {
        body: encodeCsv([
          [...CSV_COLUMNS],
          ...document.customizations.map((row) => [row.templateId, row.baseVersion ?? '', String(row.enabled), row.customInstructions, JSON.stringify(row.variables)]),
        ]),
        contentType: 'text/csv; charset=utf-8',
        extension: 'csv',
      };
  }
}
