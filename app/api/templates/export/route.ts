import { otherMethods } from '@/lib/api/methods';
import { withUser } from '@/lib/api/handler';
import { parseQuery } from '@/lib/api/parse';
import { exportTemplateCustomizations } from '@/lib/templates/export-template-customizations';
import { exportQuerySchema } from '@/lib/zod/schemas/template-sharing';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/**
 * `?format=json|yaml|csv&presets=true|false`: the caller's customisations (and, in JSON and YAML,
 * their own presets) as a download. One "exports" use; 429 with the limit body once the month's
 * allowance is spent.
 */
export const GET = withUser(async ({ req, db, userId }) => {
  const { format, presets } = parseQuery(req, exportQuerySchema);
  const file = await db((tx) => exportTemplateCustomizations(tx, { userId, format, presets: presets === 'true' }));
  return new Response(file.body, {
    status: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
