'use client';

import { useRouter } from 'next/navigation';
import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';

interface AdminToggleButtonProps {
  userId: string;
  email: string;
  isAdmin: boolean;
}

/** Grants or revokes admin on one user (the server logs it), then shows the page's new state. */
export function AdminToggleButton({ userId, email, isAdmin }: AdminToggleButtonProps) {
  const router = useRouter();
  const { busy, error, run } = useApiAction();
  const label = isAdmin ? 'Revoke admin' : 'Grant admin';
  const act = () =>
    run(async () => {
      await apiFetch(`/api/admin/users/${userId}/admin`, { method: 'POST', body: { admin: !isAdmin } });
      router.refresh();
    });

  return (
    <span className="stack tight">
      <button
        type="button"
        className={`button sm ${isAdmin ? 'danger' : 'secondary'}`}
        aria-label={`${label}: ${email}`}
        aria-disabled={busy || undefined}
        onClick={() => void act()}
      >
        {busy ? (isAdmin ? 'Revoking…' : 'Granting…') : label}
      </button>
      {error ? (
        <span role="alert" className="error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
