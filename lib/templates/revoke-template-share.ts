import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { SHARE_NOT_FOUND } from '@/lib/templates/share-row';

/** Deletes one of the caller's shares: from this statement on nobody reaches it by the share. Another user's share is a 404, like a missing one. */
export async function revokeTemplateShare(tx: Queryable, { userId, shareId }: { userId: string; shareId: string }): Promise<void> {
  const deleted = await tx`delete from public.shared_template_customizations where id = ${shareId} and owner_id = ${userId} returning id`;
  if (deleted.length === 0) throw new ApiError('not_found', SHARE_NOT_FOUND);
}
