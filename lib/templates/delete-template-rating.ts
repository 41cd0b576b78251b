import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';

/** Removes the caller's rating of a template; 404 when there is none. */
export async function deleteTemplateRating(tx: Queryable, { userId, templateId }: { userId: string; templateId: string }): Promise<void> {
  const rows = await tx`delete from public.template_feedback where user_id = ${userId} and template_id = ${templateId} returning id`;
  if (rows.length === 0) throw new ApiError('not_found', 'You have not rated this template.');
}
