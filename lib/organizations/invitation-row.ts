import type { Invitation, InvitationState } from '@/lib/zod/schemas/organizations';

export const INVITATION_SELECT = 'id, email, role, expires_at, created_at, accepted_at, revoked_at';
export const INVITATION_NOT_FOUND = 'No invitation of this organization has this id.';

export interface InvitationRow {
  id: string;
  email: string;
  role: 'admin' | 'member';
  expires_at: Date;
  created_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

export function toInvitation(row: InvitationRow, now = new Date()): Invitation {
  const state: InvitationState = row.accepted_at ? 'used' : row.revoked_at ? 'revoked' : row.expires_at <= now ? 'expired' : 'open';
  return { id: row.id, email: row.email, role: row.role, state, expiresAt: row.expires_at.toISOString(), createdAt: row.created_at.toISOString() };
}
