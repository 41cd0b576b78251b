'use client';

import { useRouter } from 'next/navigation';
import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';

interface EventActionButtonProps {
  path: string;
  method: 'POST' | 'DELETE';
  label: string;
  busyLabel: string;
  /** Names what the button acts on, for a screen reader in a list of many. */
  accessibleName: string;
  danger?: boolean;
}

/** Disconnect a repository or retry a dead delivery, then show the page's new state. */
export function EventActionButton({ path, method, label, busyLabel, accessibleName, danger = false }: EventActionButtonProps) {
  const router = useRouter();
  const { busy, error, run } = useApiAction();
  const act = () =>
    run(async () => {
      await apiFetch(path, { method });
      router.refresh();
    });

  return (
    <span className="stack tight">
      <button type="button" className={`button sm ${danger ? 'danger' : 'secondary'}`} aria-label={accessibleName} aria-disabled={busy || undefined} onClick={() => void act()}>
        {busy ? busyLabel : label}
      </button>
      {error ? (
        <span role="alert" className="error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
