import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { getTemplate } from '@/lib/templates/get-template';
import { templateDetailSchema, templateIdParamsSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** One template: its latest version's variables and mega-prompt, every version, and the caller's customisation. */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, templateIdParamsSchema);
  return respond(templateDetailSchema, await db((tx) => getTemplate(tx, { userId, templateId: id })));
}, { scope: 'templates:read' });

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
