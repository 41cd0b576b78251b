'use client';

import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';
import { ORG_ROLES, type Member, type Organization, type OrgRole } from '@/lib/zod/schemas/organizations';

const ROLE_LABELS: Record<OrgRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/**
 * The members. Owners change roles; owners remove anyone, admins remove admins and members; anyone
 * leaves. Each control is shown only to someone who may use it; the server refuses the rest anyway
 * (and keeps the last owner).
 */
export function MembersPanel({ organization, members, userId }: { organization: Organization; members: Member[]; userId: string }) {
  const router = useRouter();
  const id = useId();
  const action = useApiAction();
  const isOwner = organization.role === 'owner';
  // The last owner's role cannot change and they cannot leave (the server says 409): offer neither.
  const soleOwner = (member: Member) => member.role === 'owner' && members.filter((item) => item.role === 'owner').length === 1;
  const canRemove = (member: Member) => member.userId !== userId && (isOwner || (organization.role === 'admin' && member.role !== 'owner'));

  const changeRole = (member: Member, role: OrgRole) =>
    void action.run(async () => {
      await apiFetch(`/api/organizations/${organization.id}/members/${member.userId}`, { method: 'PATCH', body: { role } });
      router.refresh();
    });
  const remove = (member: Member) =>
    void action.run(async () => {
      await apiFetch(`/api/organizations/${organization.id}/members/${member.userId}`, { method: 'DELETE' });
      router.refresh();
    });
  const leave = () =>
    void action.run(
      async () => {
        await apiFetch(`/api/organizations/${organization.id}/members/${userId}`, { method: 'DELETE' });
        router.push('/organizations');
      },
      { leaves: true },
    );

  return (
    <article className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Members ({members.length})</h2>
      <ul className="stack tight list-none p-0" data-testid="members">
        {members.map((member) => {
          const name = member.displayName || member.email;
          return (
            <li key={member.userId} className="org-member" data-testid="member">
              <span className="org-member-who">
                <strong>{name}</strong>
                {member.displayName ? <span className="muted">{member.email}</span> : null}
                {member.userId === userId ? <span className="muted">(you)</span> : null}
              </span>
              <span className="row">
                {isOwner ? (
                  <label>
                    <span className="sr-only">Role of {name}</span>
                    <select value={member.role} onChange={(event) => changeRole(member, event.target.value as OrgRole)} disabled={action.busy || soleOwner(member)}>
                      {ORG_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : (
                  <span className="pill">{ROLE_LABELS[member.role]}</span>
                )}
                {canRemove(member) ? (
                  <button type="button" className="button ghost sm" onClick={() => remove(member)} aria-disabled={action.busy || undefined} aria-label={`Remove ${name}`}>
                    Remove
                  </button>
                ) : null}
                {member.userId === userId && soleOwner(member) ? <span className="muted">Transfer ownership to leave</span> : null}
                {member.userId === userId && !soleOwner(member) ? (
                  <button type="button" className="button ghost sm" onClick={leave} aria-disabled={action.busy || undefined}>
                    Leave
                  </button>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      {action.error ? (
        <p role="alert" className="error">
          {action.error}
        </p>
      ) : null}
    </article>
  );
}
