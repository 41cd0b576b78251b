'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { apiFetch, fieldErrors } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';
import type { Member, Organization } from '@/lib/zod/schemas/organizations';

/** Owners only: hand the organization to another member, or delete it after typing its slug. */
export function OwnerActions({ organization, members, userId }: { organization: Organization; members: Member[]; userId: string }) {
  const router = useRouter();
  const id = useId();
  const others = members.filter((member) => member.userId !== userId);
  const [newOwner, setNewOwner] = useState(others[0]?.userId ?? '');
  const [confirm, setConfirm] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const transfer = useApiAction();
  const remove = useApiAction();

  function submitTransfer(event: React.FormEvent) {
    event.preventDefault();
    void transfer.run(async () => {
      await apiFetch(`/api/organizations/${organization.id}/transfer`, { method: 'POST', body: { userId: newOwner } });
      router.refresh();
    });
  }

  function submitDelete(event: React.FormEvent) {
    event.preventDefault();
    setFields({});
    void remove.run(
      async () => {
        try {
          await apiFetch(`/api/organizations/${organization.id}`, { method: 'DELETE', body: { confirm } });
          router.push('/organizations');
        } catch (failure) {
          setFields(fieldErrors(failure));
          throw failure;
        }
      },
      { leaves: true },
    );
  }

  return (
    <>
      <form className="card fields" onSubmit={submitTransfer} aria-labelledby={`${id}-transfer`}>
        <h2 id={`${id}-transfer`}>Transfer ownership</h2>
        {others.length === 0 ? (
          <p className="muted">Invite someone first: ownership goes to another member.</p>
        ) : (
          <>
            <p className="muted">They become the owner; you stay on as an admin.</p>
            <label>
              New owner
              <select value={newOwner} onChange={(event) => setNewOwner(event.target.value)}>
                {others.map((member) => (
                  <option key={member.userId} value={member.userId}>
                    {member.displayName || member.email}
                  </option>
                ))}
              </select>
            </label>
            <div className="actions">
              <button type="submit" className="button secondary" aria-disabled={transfer.busy || undefined}>
                {transfer.busy ? 'Transferring…' : 'Transfer ownership'}
              </button>
            </div>
          </>
        )}
        {transfer.error ? (
          <p role="alert" className="error">
            {transfer.error}
          </p>
        ) : null}
      </form>
      <form className="card fields org-danger" onSubmit={submitDelete} aria-labelledby={`${id}-delete`}>
        <h2 id={`${id}-delete`}>Delete organization</h2>
        <p className="muted">Its memberships, invitations and the shares made with it go for good. Repositories and customisations stay with the people who own them.</p>
        <label>
          Type <code>{organization.slug}</code> to confirm
          <input value={confirm} onChange={(event) => setConfirm(event.target.value)} autoComplete="off" spellCheck={false} maxLength={48} aria-invalid={fields.confirm ? true : undefined} />
          {fields.confirm ? <span className="error">{fields.confirm}</span> : null}
        </label>
        <div className="actions">
          <button type="submit" className="button danger" aria-disabled={remove.busy || confirm !== organization.slug || undefined}>
            {remove.busy ? 'Deleting…' : 'Delete organization'}
          </button>
        </div>
        {remove.error && Object.keys(fields).length === 0 ? (
          <p role="alert" className="error">
            {remove.error}
          </p>
        ) : null}
      </form>
    </>
  );
}
