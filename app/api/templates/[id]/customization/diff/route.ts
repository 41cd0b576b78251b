import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams, parseQuery } from '@/lib/api/parse';
import { diffCustomization } from '@/lib/templates/diff-customization';
import { customizationDiffSchema, diffQuerySchema, templateIdParamsSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** `?from=&to=`: two versions (or `base`, the base template with its defaults) of the caller's customisation compared. */
export const GET = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, templateIdParamsSchema);
  const { from, to } = parseQuery(req, diffQuerySchema);
  return respond(customizationDiffSchema, await db((tx) => diffCustomization(tx, { userId, templateId: id, from, to })));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
