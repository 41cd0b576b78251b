import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { cachedCatalog } from '@/lib/templates/cached-catalog';
import { TEMPLATE_NOT_FOUND } from '@/lib/templates/customization-context';

/** Sets the caller's rating of a catalog template (1–5 and a comment), replacing an earlier one. */
export async function rateTemplate(
  tx: Queryable,
  { userId, templateId, rating, comment }: { userId: string; templateId: string; rating: number; comment: string },
): Promise<{ templateId: string; rating: number; comment: string; updatedAt: string }> {
  if (!cachedCatalog().byId.has(templateId)) throw new ApiError('not_found', TEMPLATE_NOT_FOUND);
  const [row] = await tx<{ rating: number; comment: string; updated_at: Date }[]>`
    insert into public.template_feedback (user_id, template_id, rating, comment) values (${userId}, ${templateId}, ${rating}, ${comment})
    on conflict (user_id, template_id) do update set rating = excluded.rating, comment = excluded.comment
    returning rating, comment, updated_at`;
  return { templateId, rating: row!.rating, comment: row!.comment, updatedAt: row!.updated_at.toISOString() };
}
