import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { customizationHistory } from '@/lib/templates/customization-history';
import { historySchema, templateIdParamsSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Every saved version of the caller's customisation, newest first. */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, templateIdParamsSchema);
  return respond(historySchema, { history: await db((tx) => customizationHistory(tx, { userId, templateId: id })) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
