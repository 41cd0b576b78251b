'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { apiFetch, fieldErrors } from '@/lib/client/api-fetch';
import { formatLongDate } from '@/lib/client/format-long-date';
import { useApiAction } from '@/lib/client/use-api-action';
import type { Invitation, IssuedInvitation, Organization } from '@/lib/zod/schemas/organizations';

const STATE_LABELS: Record<Invitation['state'], string> = { open: 'Open', used: 'Accepted', revoked: 'Revoked', expired: 'Expired' };

/**
 * Owners and admins invite by email (as a member or an admin), and revoke or resend what is
 * outstanding. Without mail configured the server answers the link instead, shown here once to
 * pass on; it is not stored anywhere it could be shown again.
 */
export function InvitationsPanel({ organization, invitations }: { organization: Organization; invitations: Invitation[] }) {
  const router = useRouter();
  const id = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'member' | 'admin'>('member');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  const invite = useApiAction();
  const act = useApiAction();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFields({});
    setIssued(null);
    void invite.run(async () => {
      try {
        setIssued(await apiFetch<IssuedInvitation>(`/api/organizations/${organization.id}/invitations`, { method: 'POST', body: { email: email.trim(), role } }));
        setEmail('');
        router.refresh();
      } catch (failure) {
        setFields(fieldErrors(failure));
        throw failure;
      }
    });
  }

  const revoke = (invitation: Invitation) =>
    void act.run(async () => {
      await apiFetch(`/api/organizations/${organization.id}/invitations/${invitation.id}`, { method: 'DELETE' });
      if (issued?.invitation.id === invitation.id) setIssued(null);
      router.refresh();
    });
  const resend = (invitation: Invitation) =>
    void act.run(async () => {
      setIssued(await apiFetch<IssuedInvitation>(`/api/organizations/${organization.id}/invitations/${invitation.id}/resend`, { method: 'POST' }));
      router.refresh();
    });

  return (
    <article className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Invitations</h2>
      <form className="fields" onSubmit={submit} aria-label="Invite someone">
        <label>
          Email
          <input type="email" name="email" required maxLength={320} value={email} onChange={(event) => setEmail(event.target.value)} aria-invalid={fields.email ? true : undefined} />
          {fields.email ? <span className="error">{fields.email}</span> : null}
        </label>
        <label>
          Role
          <select name="role" value={role} onChange={(event) => setRole(event.target.value as 'member' | 'admin')}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <div className="actions">
          <button type="submit" className="button secondary" aria-disabled={invite.busy || undefined}>
            {invite.busy ? 'Inviting…' : 'Invite'}
          </button>
        </div>
        {invite.error && Object.keys(fields).length === 0 ? (
          <p role="alert" className="error">
            {invite.error}
          </p>
        ) : null}
      </form>
      {issued ? (
        <div className="org-invite-link" role="status" data-testid="invitation-issued">
          {issued.emailed ? (
            <p>Invitation emailed to {issued.invitation.email}.</p>
          ) : (
            <>
              <p>
                No mail is set up on this server: send this link to {issued.invitation.email} yourself. It is shown only now and works once, until{' '}
                {formatLongDate(issued.invitation.expiresAt)}.
              </p>
              <input readOnly value={issued.link ?? ''} aria-label="Invitation link" data-testid="invitation-link" onFocus={(event) => event.currentTarget.select()} />
            </>
          )}
        </div>
      ) : null}
      {invitations.length === 0 ? (
        <p className="muted">No invitations outstanding.</p>
      ) : (
        <ul className="stack tight list-none p-0" aria-label="Outstanding invitations">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="org-member" data-testid="invitation">
              <span className="org-member-who">
                <strong>{invitation.email}</strong>
                <span className="muted">
                  {invitation.role === 'admin' ? 'Admin' : 'Member'} · {STATE_LABELS[invitation.state]}
                  {invitation.state === 'open' || invitation.state === 'expired' ? ` · until ${formatLongDate(invitation.expiresAt)}` : ''}
                </span>
              </span>
              {invitation.state === 'open' || invitation.state === 'expired' ? (
                <span className="row">
                  <button type="button" className="button ghost sm" onClick={() => resend(invitation)} aria-disabled={act.busy || undefined} aria-label={`Resend the invitation to ${invitation.email}`}>
                    Resend
                  </button>
                  <button type="button" className="button ghost sm" onClick={() => revoke(invitation)} aria-disabled={act.busy || undefined} aria-label={`Revoke the invitation to ${invitation.email}`}>
                    Revoke
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {act.error ? (
        <p role="alert" className="error">
          {act.error}
        </p>
      ) : null}
    </article>
  );
}
