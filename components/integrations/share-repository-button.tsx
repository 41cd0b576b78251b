'use client';

import { useRouter } from 'next/navigation';
import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';

/** Shares one of the user's repositories with the active organization, or stops sharing it. */
export function ShareRepositoryButton({ orgId, orgName, repositoryId, fullName, shared }: { orgId: string; orgName: string; repositoryId: string; fullName: string; shared: boolean }) {
  const router = useRouter();
  const { busy, error, run } = useApiAction();
  const act = () =>
    run(async () => {
      if (shared) await apiFetch(`/api/organizations/${orgId}/repositories/${repositoryId}`, { method: 'DELETE' });
      else await apiFetch(`/api/organizations/${orgId}/repositories`, { method: 'POST', body: { repositoryId } });
      router.refresh();
    });

  return (
    <span className="stack tight">
      <button
        type="button"
        className="button sm secondary"
        aria-label={shared ? `Stop sharing ${fullName} with ${orgName}` : `Share ${fullName} with ${orgName}`}
        aria-disabled={busy || undefined}
        onClick={() => void act()}
      >
        {busy ? 'Saving…' : shared ? 'Stop sharing' : `Share with ${orgName}`}
      </button>
      {error ? (
        <span role="alert" className="error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
