import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { applyTemplatePreset } from '@/lib/templates/apply-template-preset';
import { applyReportSchema, applyTemplatePresetBodySchema, idParamsSchema } from '@/lib/zod/schemas/template-sharing';

export const dynamic = 'force-dynamic';
export const maxDuration = 20;

/**
 * `{ templateIds? }`: the preset's values written to each template (the preset's own list by
 * default), one new customisation version per template; answers what applied, failed and was
 * skipped. Per template: a failure rolls back that template only.
 */
export const POST = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, idParamsSchema);
  const { templateIds } = await parseBody(req, applyTemplatePresetBodySchema, { maxBytes: 8 * 1024 });
  return respond(applyReportSchema, await db((tx) => applyTemplatePreset(tx, { userId, presetId: id, templateIds })));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
