import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseQuery } from '@/lib/api/parse';
import { importTemplateCustomizations } from '@/lib/templates/import-template-customizations';
import { importBodySchema, importQuerySchema, importReportSchema, MAX_IMPORT_BYTES } from '@/lib/zod/schemas/template-sharing';

export const dynamic = 'force-dynamic';
export const maxDuration = 20;

/**
 * `{ format: json|yaml|csv, content: <the file's text> }`, `?dryRun=1` to check without writing:
 * the report `{ imported, skipped, presets, errors }`. All or nothing: any problem is a 400 whose
 * body carries the same report, and nothing is written.
 */
export const POST = withUser(async ({ req, db, userId }) => {
  const { dryRun } = parseQuery(req, importQuerySchema);
  // The file travels as a JSON string: its quotes and line breaks take a few bytes more.
  const body = await parseBody(req, importBodySchema, { maxBytes: MAX_IMPORT_BYTES * 2 });
  const report = await db((tx) => importTemplateCustomizations(tx, { userId, body, dryRun: dryRun === '1' || dryRun === 'true' }));
  return respond(importReportSchema, report);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
