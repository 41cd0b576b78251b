import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { getTemplateAnalytics } from '@/lib/templates/get-template-analytics';
import { templateAnalyticsSchema, templateIdParamsSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Uses, ratings and how the runs that used the template went (counts and averages over all users). */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, templateIdParamsSchema);
  return respond(templateAnalyticsSchema, await db((tx) => getTemplateAnalytics(tx, { userId, templateId: id })));
}, { scope: 'templates:read' });

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
