import { ApiError } from '@/lib/api/errors';
import { isUniqueViolation } from '@/lib/api/database-errors';
import type { Queryable } from '@/lib/db/client';
import { INVITATION_SELECT, toInvitation, type InvitationRow } from '@/lib/organizations/invitation-row';
import { newInvitationToken } from '@/lib/organizations/new-invitation-token';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import type { CreateInvitationBody, Invitation, Organization } from '@/lib/zod/schemas/organizations';

/** Open invitations an organization may hold at once. */
export const MAX_OPEN_INVITATIONS = 100;

/**
 * Invites an address into the organization (owners and admins): stores the token's hash and
 * answers the token itself, once, for the link. 409 when the address is a member already or has
 * an open invitation (resend that one instead).
 */
export async function createInvitation(
  tx: Queryable,
  { userId, orgId, body }: { userId: string; orgId: string; body: CreateInvitationBody },
): Promise<{ invitation: Invitation; token: string; organization: Organization }> {
  const organization = await requireOrgRole(tx, { userId, orgId, roles: ['owner', 'admin'] });
  const email = body.email.trim().toLowerCase();
  const [member] = await tx<{ found: boolean }[]>`
    select exists (select 1 from private.organization_member_list(${orgId}) where lower(email) = ${email}) as found`;
  if (member?.found) throw new ApiError('conflict', 'This address already belongs to a member.', { fields: [{ field: 'email', message: 'Already a member.' }] });
  const [open] = await tx<{ n: number }[]>`
    select count(*)::int as n from public.invitations where org_id = ${orgId} and accepted_at is null and revoked_at is null and expires_at > now()`;
  if ((open?.n ?? 0) >= MAX_OPEN_INVITATIONS) throw new ApiError('conflict', `At most ${MAX_OPEN_INVITATIONS} invitations can be open at once; revoke some first.`);
  const { token, hash } = newInvitationToken();
  try {
    const [row] = await tx.unsafe<InvitationRow[]>(
      `insert into public.invitations (org_id, email, role, token_hash, invited_by) values ($1, $2, $3, $4, $5) returning ${INVITATION_SELECT}`,
      [orgId, email, body.role, hash, userId],
    );
    return { invitation: toInvitation(row!), token, organization };
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = 'This address has an open invitation already: resend or revoke it.';
      throw new ApiError('conflict', message, { fields: [{ field: 'email', message }] });
    }
    throw error;
  }
}
