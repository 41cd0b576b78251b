'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { StatusMessage, type Status } from '@/components/status-message';
import { apiFetch, fieldErrors } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';
import type { Organization } from '@/lib/zod/schemas/organizations';

/** Owners and admins rename the organization or change its slug (the page moves with the slug). */
export function RenameOrganizationForm({ organization }: { organization: Organization }) {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState(organization.name);
  const [slug, setSlug] = useState(organization.slug);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status | null>(null);
  const { busy, error, run } = useApiAction();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFields({});
    setStatus(null);
    void run(async () => {
      try {
        const saved = await apiFetch<Organization>(`/api/organizations/${organization.id}`, { method: 'PATCH', body: { name, slug } });
        setStatus({ kind: 'saved', text: 'Saved.' });
        if (saved.slug !== organization.slug) router.replace(`/organizations/${saved.slug}`);
        else router.refresh();
      } catch (failure) {
        setFields(fieldErrors(failure));
        throw failure;
      }
    });
  }

  return (
    <form className="card fields" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Name</h2>
      <label>
        Name
        <input name="name" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} aria-invalid={fields.name ? true : undefined} />
        {fields.name ? <span className="error">{fields.name}</span> : null}
      </label>
      <label>
        Slug
        <input name="slug" required maxLength={48} value={slug} onChange={(event) => setSlug(event.target.value)} autoComplete="off" spellCheck={false} aria-invalid={fields.slug ? true : undefined} />
        {fields.slug ? <span className="error">{fields.slug}</span> : null}
      </label>
      <div className="actions">
        <button type="submit" className="button secondary" aria-disabled={busy || undefined}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
      <StatusMessage status={status} />
      {error && Object.keys(fields).length === 0 ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
