'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';

/** Connects owner/name; the page then lists it and its deliveries. */
export function ConnectRepositoryForm() {
  const router = useRouter();
  const id = useId();
  const [fullName, setFullName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/api/repositories', { method: 'POST', body: { fullName } });
      setFullName('');
      router.refresh();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="fields" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>Repository (owner/name)</label>
      <div className="row">
        <input
          id={id}
          name="fullName"
          value={fullName}
          onChange={(event) => setFullName(event.target.value)}
          placeholder="acme/api"
          autoComplete="off"
          spellCheck={false}
          maxLength={140}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
