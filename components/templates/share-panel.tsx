'use client';

import { useId, useState } from 'react';
import { StatusMessage, type Status } from '@/components/status-message';
import { apiFetch, errorMessage, fieldErrors } from '@/lib/client/api-fetch';
import { formatLongDate } from '@/lib/client/format-long-date';
import { useApiAction } from '@/lib/client/use-api-action';
import type { Share, ShareList } from '@/lib/zod/schemas/template-sharing';

type Visibility = Share['visibility'];

const describe = (share: Share) =>
  share.visibility === 'public' ? 'Anyone signed in with the link' : share.visibility === 'users' ? `With ${share.sharedWith.email ?? 'a user'}` : `With ${share.sharedWith.orgName ?? 'an organization'}`;

/**
 * Sharing one customisation: publicly (a link anyone signed in can open), with a person by their
 * email, or with an organization the caller belongs to (offered only then); the list of its shares
 * with Copy link and Revoke. Needs a saved customisation of the template. `initial` is what
 * GET /api/template-shares?templateId= answers (listTemplateShares on the server).
 */
export function SharePanel({ templateId, initial }: { templateId: string; initial: ShareList }) {
  const id = useId();
  const [list, setList] = useState<ShareList | null>(initial);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [email, setEmail] = useState('');
  const [orgId, setOrgId] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status | null>(null);
  const share = useApiAction();
  const revoke = useApiAction();

  async function load() {
    try {
      setList(await apiFetch<ShareList>(`/api/template-shares?templateId=${encodeURIComponent(templateId)}`));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }

  const organizations = list?.organizations ?? [];

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFields({});
    setStatus(null);
    void share.run(async () => {
      const body =
        visibility === 'users'
          ? { templateId, visibility, email: email.trim() }
          : visibility === 'organization'
            ? { templateId, visibility, orgId: orgId || organizations[0]?.id }
            : { templateId, visibility };
      try {
        const made = await apiFetch<Share>('/api/template-shares', { method: 'POST', body });
        // Said of every address alike: whether one has an account is not the sharer's to learn.
        const reach = made.visibility === 'users' ? ' They see it in their shared templates; with no account yet, once they sign up with this address.' : '';
        setStatus({ kind: 'saved', text: `Shared: ${describe(made).toLowerCase()}.${reach}` });
        setEmail('');
        await load();
      } catch (error) {
        setFields(fieldErrors(error));
        throw error;
      }
    });
  }

  async function copy(share: Share) {
    const url = new URL(share.link, window.location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      setStatus({ kind: 'saved', text: 'Link copied.' });
    } catch {
      setStatus({ kind: 'saved', text: `Copy this link: ${url}` });
    }
  }

  function remove(share: Share) {
    void revoke.run(async () => {
      await apiFetch(`/api/template-shares/${share.id}`, { method: 'DELETE' });
      setStatus({ kind: 'saved', text: 'Revoked: the share no longer opens for anyone.' });
      await load();
    });
  }

  return (
    <article className="card stack" aria-labelledby={`${id}-title`} data-testid="share-panel">
      <h2 id={`${id}-title`}>Share</h2>
      <form className="fields" onSubmit={submit} aria-label="Share this customisation">
        <fieldset>
          <legend>Who can see it</legend>
          <label className="choice">
            <input type="radio" name={`${id}-visibility`} value="public" checked={visibility === 'public'} onChange={() => setVisibility('public')} />
            Anyone signed in with the link
          </label>
          <label className="choice">
            <input type="radio" name={`${id}-visibility`} value="users" checked={visibility === 'users'} onChange={() => setVisibility('users')} />
            A person, by email
          </label>
          {organizations.length > 0 ? (
            <label className="choice">
              <input type="radio" name={`${id}-visibility`} value="organization" checked={visibility === 'organization'} onChange={() => setVisibility('organization')} />
              {organizations.length === 1 ? `Share with ${organizations[0]!.name}` : 'An organization'}
            </label>
          ) : null}
        </fieldset>
        {visibility === 'users' ? (
          <label>
            Their email
            <input type="email" required maxLength={320} value={email} onChange={(event) => setEmail(event.target.value)} aria-invalid={fields.email ? true : undefined} />
            {fields.email ? <span className="error">{fields.email}</span> : null}
          </label>
        ) : null}
        {visibility === 'organization' && organizations.length > 0 ? (
          <label>
            Organization
            <select value={orgId || organizations[0]!.id} onChange={(event) => setOrgId(event.target.value)}>
              {organizations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div className="actions">
          <button type="submit" className="button secondary" aria-disabled={share.busy || undefined}>
            Share
          </button>
        </div>
        {share.error ? (
          <p role="alert" className="error">
            {share.error}
          </p>
        ) : null}
      </form>
      <StatusMessage status={status} />
      {loadError ? (
        <p role="alert" className="error">
          {loadError}
        </p>
      ) : null}
      {list && list.made.length > 0 ? (
        <ul className="stack tight list-none p-0" aria-label="Shares of this customisation">
          {list.made.map((item) => (
            <li key={item.id} className="row spread" data-testid="share">
              <span>
                <span className="pill">{item.visibility}</span> {describe(item)} <span className="muted">· since {formatLongDate(item.createdAt)}</span>
              </span>
              <span className="row">
                {item.visibility === 'public' ? (
                  <button type="button" className="button ghost sm" onClick={() => void copy(item)} aria-label={`Copy link of the public share made ${formatLongDate(item.createdAt)}`}>
                    Copy link
                  </button>
                ) : null}
                <button type="button" className="button ghost sm" onClick={() => remove(item)} aria-disabled={revoke.busy || undefined} aria-label={`Revoke: ${describe(item)}`}>
                  Revoke
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : list ? (
        <p className="muted">Not shared yet.</p>
      ) : null}
      {revoke.error ? (
        <p role="alert" className="error">
          {revoke.error}
        </p>
      ) : null}
    </article>
  );
}
