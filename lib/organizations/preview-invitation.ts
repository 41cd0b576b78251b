import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { hashToken } from '@/lib/tokens/token-secret';
import type { InvitationPreview, InvitationState } from '@/lib/zod/schemas/organizations';

export const INVITATION_UNKNOWN = 'This invitation link is not valid. Check that it was copied whole.';

/** What the holder of an invitation link is invited to, whatever its state (the page shows a used or expired one as such). */
export async function previewInvitation(tx: Queryable, { token }: { token: string }): Promise<InvitationPreview> {
  const [row] = await tx<{ org_name: string; org_slug: string; email: string; role: 'admin' | 'member'; state: InvitationState; expires_at: Date; email_matches: boolean | null }[]>`
    select * from private.invitation_preview(${hashToken(token)})`;
  if (!row) throw new ApiError('not_found', INVITATION_UNKNOWN);
  return {
    organization: { name: row.org_name, slug: row.org_slug },
    email: row.email,
    role: row.role,
    state: row.state,
    expiresAt: row.expires_at.toISOString(),
    emailMatches: row.email_matches === true,
  };
}
