import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { deleteTemplateRating } from '@/lib/templates/delete-template-rating';
import { rateTemplate } from '@/lib/templates/rate-template';
import { rateTemplateBodySchema, ratingSchema, templateIdParamsSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** `{ rating: 1–5, comment? }`: the caller's rating, replacing an earlier one. */
export const PUT = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, templateIdParamsSchema);
  const { rating, comment } = await parseBody(req, rateTemplateBodySchema, { maxBytes: 16 * 1024 });
  return respond(ratingSchema, await db((tx) => rateTemplate(tx, { userId, templateId: id, rating, comment })));
});

export const DELETE = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, templateIdParamsSchema);
  await db((tx) => deleteTemplateRating(tx, { userId, templateId: id }));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PATCH } = otherMethods({ PUT, DELETE });
