'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';

/** Accepts the invitation, then opens the organization's page; a refusal (used, revoked, expired, another address) is shown as the server words it. */
export function AcceptInvitationButton({ token }: { token: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function accept() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const accepted = await apiFetch<{ organization: { slug: string } }>(`/api/invitations/${token}/accept`, { method: 'POST' });
      router.push(`/organizations/${accepted.organization.slug}`);
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
    }
  }

  return (
    <div className="stack tight">
      <div className="actions">
        <button type="button" className="button" onClick={() => void accept()} aria-disabled={busy || undefined}>
          {busy ? 'Joining…' : 'Accept and join'}
        </button>
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
