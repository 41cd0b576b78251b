import Link from 'next/link';
import { AcceptInvitationButton } from '@/components/organizations/accept-invitation-button';
import { ApiError } from '@/lib/api/errors';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { invitationGone } from '@/lib/organizations/invitation-gone';
import { INVITATION_UNKNOWN, previewInvitation } from '@/lib/organizations/preview-invitation';
import { INVITATION_TOKEN_PATTERN, type InvitationPreview } from '@/lib/zod/schemas/organizations';

export const metadata = { title: 'Invitation · Venture Companion' };

/**
 * An invitation link. Signed out, it sends the visitor to sign in (or sign up) and back here;
 * signed in, it shows what they are invited to and an Accept button, or why it no longer works
 * (used, revoked, expired), or that it was sent to another address.
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const claims = await requireClaims(`/invitations/${encodeURIComponent(token)}`);
  let preview: InvitationPreview | null = null;
  if (INVITATION_TOKEN_PATTERN.test(token)) {
    try {
      preview = await withUserTransaction(claims, (tx) => previewInvitation(tx, { token }));
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'not_found')) throw error;
    }
  }

  return (
    <section className="org-invitation">
      <article className="card stack" aria-labelledby="invitation-title" data-testid="invitation-page">
        {preview === null ? (
          <>
            <h1 id="invitation-title">Invitation not found</h1>
            <p role="alert" className="error">
              {INVITATION_UNKNOWN}
            </p>
          </>
        ) : preview.state !== 'open' ? (
          <>
            <h1 id="invitation-title">This invitation no longer works</h1>
            <p role="alert" className="error" data-testid="invitation-gone">
              {invitationGone(preview.state).message}
            </p>
            <p className="muted">It was an invitation to {preview.organization.name}.</p>
          </>
        ) : (
          <>
            <h1 id="invitation-title">Join {preview.organization.name}</h1>
            <p>
              You are invited as {preview.role === 'admin' ? 'an admin' : 'a member'}. The invitation is for <strong>{preview.email}</strong>.
            </p>
            {preview.emailMatches ? (
              <AcceptInvitationButton token={token} />
            ) : (
              <p role="alert" className="error" data-testid="invitation-wrong-email">
                You are signed in as {claims.email ?? 'another account'}. Sign out and sign in (or sign up) with {preview.email} to accept.
              </p>
            )}
          </>
        )}
        <p className="muted">
          <Link href="/organizations">Your organizations</Link>
        </p>
      </article>
    </section>
  );
}
