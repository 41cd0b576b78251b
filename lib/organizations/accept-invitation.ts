import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { invitationGone } from '@/lib/organizations/invitation-gone';
import { hashToken } from '@/lib/tokens/token-secret';
import { INVITATION_UNKNOWN } from '@/lib/organizations/preview-invitation';

/**
 * Accepts an invitation as the signed-in user (the database checks their address and the state
 * under a row lock, so a token accepted twice at once joins once). Used, revoked or expired: 410;
 * another address: 403; either way nothing changes.
 */
export async function acceptInvitation(tx: Queryable, { token }: { token: string }): Promise<{ organization: { id: string; slug: string }; outcome: 'joined' | 'member' }> {
  const [row] = await tx<{ outcome: string; org_id: string | null; org_slug: string | null }[]>`
    select * from private.accept_invitation(${hashToken(token)})`;
  switch (row?.outcome) {
    case 'accepted':
      return { organization: { id: row.org_id!, slug: row.org_slug! }, outcome: 'joined' };
    case 'member':
      return { organization: { id: row.org_id!, slug: row.org_slug! }, outcome: 'member' };
    case 'used':
    case 'revoked':
    case 'expired':
      throw invitationGone(row.outcome);
    case 'wrong_email':
      throw new ApiError('forbidden', 'This invitation is for another email address. Sign in with the invited address to accept it.');
    default:
      throw new ApiError('not_found', INVITATION_UNKNOWN);
  }
}
