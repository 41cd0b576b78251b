'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { apiFetch, fieldErrors } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';
import type { Organization } from '@/lib/zod/schemas/organizations';

/** A slug suggested from the name until the user types one of their own. */
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');

/** Creates an organization (name and slug); the creator becomes its owner and lands on its page. */
export function CreateOrganizationForm() {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const { busy, error, run } = useApiAction();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFields({});
    void run(
      async () => {
        try {
          const created = await apiFetch<Organization>('/api/organizations', { method: 'POST', body: { name, slug } });
          router.push(`/organizations/${created.slug}`);
        } catch (failure) {
          setFields(fieldErrors(failure));
          throw failure;
        }
      },
      { leaves: true },
    );
  }

  return (
    <form className="card fields" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New organization</h2>
      <label>
        Name
        <input
          name="name"
          required
          maxLength={100}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (!slugEdited) setSlug(slugOf(event.target.value));
          }}
          aria-invalid={fields.name ? true : undefined}
        />
        {fields.name ? <span className="error">{fields.name}</span> : null}
      </label>
      <label>
        Slug
        <input
          name="slug"
          required
          maxLength={48}
          pattern="[a-z0-9]([a-z0-9\-]{0,46}[a-z0-9])?"
          value={slug}
          onChange={(event) => {
            setSlug(event.target.value);
            setSlugEdited(true);
          }}
          aria-describedby={`${id}-slug-hint`}
          aria-invalid={fields.slug ? true : undefined}
          autoComplete="off"
          spellCheck={false}
        />
        <span id={`${id}-slug-hint`} className="muted">
          Lowercase letters, digits and hyphens; it names the organization in links.
        </span>
        {fields.slug ? <span className="error">{fields.slug}</span> : null}
      </label>
      <div className="actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? 'Creating…' : 'Create organization'}
        </button>
      </div>
      {error && Object.keys(fields).length === 0 ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
