import type { Queryable } from '@/lib/db/client';
import { customizationsDocument } from '@/lib/templates/customizations-document';
import { serializeTemplateExport } from '@/lib/templates/serialize-template-export';
import { reserveMetric } from '@/lib/usage/reserve-metric';
import { settleReservation } from '@/lib/usage/settle-reservation';
import type { TransferFormat } from '@/lib/zod/schemas/template-sharing';

/**
 * The caller's customisations as a file, counted as one "exports" use: reserved first (429 with
 * the limit body when the month's allowance is spent, and nothing read) and settled in the same
 * transaction, so a failed export counts nothing and a finished one counts once.
 */
export async function exportTemplateCustomizations(
  tx: Queryable,
  { userId, format, presets }: { userId: string; format: TransferFormat; presets: boolean },
): Promise<{ body: string; contentType: string; filename: string }> {
  const reservation = await reserveMetric(tx, { userId, metricType: 'exports', amount: 1, subject: `Template customisations as ${format.toUpperCase()}` });
  const document = await customizationsDocument(tx, { userId, presets: presets && format !== 'csv' });
  const file = serializeTemplateExport(document, format);
  await settleReservation(tx, { id: reservation.id, used: 1 });
  return { body: file.body, contentType: file.contentType, filename: `template-customizations-${document.exportedAt.slice(0, 10)}.${file.extension}` };
}
