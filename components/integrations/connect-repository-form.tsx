'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';

/** Connects owner/name; the page then lists it and its deliveries. */
export function ConnectRepositoryForm() {
  const router = useRouter();
  const id = useId();
  const [fullName, setFullName] = useState('');
  const { busy, error, run } = useApiAction();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    void run(async () => {
      await apiFetch('/api/repositories', { method: 'POST', body: { fullName } });
      setFullName('');
      router.refresh();
    });
  }

  return (
    <form className="fields" onSubmit={submit}>
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
