'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { StatusMessage, type Status } from '@/components/status-message';
import { apiFetch, fieldErrors } from '@/lib/client/api-fetch';
import { formatLongDate } from '@/lib/client/format-long-date';
import { useApiAction } from '@/lib/client/use-api-action';
import { TOKEN_SCOPES, type TokenScope } from '@/lib/tokens/scopes';
import type { ApiToken, ApiTokenList, CreatedToken } from '@/lib/zod/schemas/tokens';

const SCOPE_SENTENCES: Record<TokenScope, string> = {
  'runs:write': 'Start runs, stop them, and approve, reject or revise their answers.',
  'runs:read': 'Read your runs and their answers, your conversations and your run statistics.',
  'profile:read': 'Read your account and your profile (role, company, stack, tone).',
  'templates:read': 'Read the template catalog, each template and its usage figures.',
};

const EXPIRY_CHOICES = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
] as const;

type Field = 'name' | 'scopes' | 'expiresInDays';

const STATUS_LOOK: Record<ApiToken['status'], { label: string; tone: string }> = {
  active: { label: 'Active', tone: 'success' },
  expired: { label: 'Expired', tone: 'warning' },
  revoked: { label: 'Revoked', tone: 'danger' },
};

/**
 * The create form (name, scopes, expiry), the new token shown this once with Copy, and the list
 * with Revoke. Refusals from the server appear at the field they are about.
 */
export function TokensManager({ initial }: { initial: ApiToken[] }) {
  const id = useId();
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const [expiry, setExpiry] = useState<string>('30');
  const [fields, setFields] = useState<Partial<Record<Field, string>>>({});
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const create = useApiAction();
  const revoke = useApiAction();
  const createdHeading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (created) createdHeading.current?.focus();
  }, [created]);

  // A refusal takes the keyboard to the first field it is about.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>(':is(input, select)[aria-invalid="true"], fieldset[aria-invalid="true"] input')?.focus();
  }, [fields]);

  async function reload() {
    setTokens((await apiFetch<ApiTokenList>('/api/tokens')).tokens);
  }

  const toggleScope = (scope: TokenScope, on: boolean) =>
    setScopes((current) => (on ? TOKEN_SCOPES.filter((s) => s === scope || current.includes(s)) : current.filter((s) => s !== scope)));

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFields({});
    setStatus(null);
    void create.run(async () => {
      try {
        const made = await apiFetch<CreatedToken>('/api/tokens', {
          method: 'POST',
          body: { name, scopes, expiresInDays: expiry === 'never' ? null : Number(expiry) },
        });
        setCreated(made);
        setName('');
        setScopes([]);
        await reload();
      } catch (error) {
        setFields(fieldErrors(error));
        throw error;
      }
    });
  }

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setStatus({ kind: 'saved', text: 'Token copied.' });
    } catch {
      setStatus({ kind: 'error', text: 'Copying did not work here: select the token and copy it by hand.' });
    }
  }

  function remove(token: ApiToken) {
    const what = token.kind === 'extension' ? 'the browser extension stops working until you connect it again' : 'anything using it stops working at once';
    if (!window.confirm(`Revoke “${token.name}” (${token.prefix}…)? ${what[0]!.toUpperCase()}${what.slice(1)}.`)) return;
    void revoke.run(async () => {
      await apiFetch(`/api/tokens/${token.id}`, { method: 'DELETE' });
      if (created?.id === token.id) setCreated(null);
      setStatus({ kind: 'saved', text: `Revoked “${token.name}”.` });
      await reload();
    });
  }

  const invalid = (field: Field) => (fields[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {});
  const fieldError = (field: Field) =>
    fields[field] ? (
      <span className="error field-error" id={`${id}-${field}-error`}>
        {fields[field]}
      </span>
    ) : null;

  return (
    <>
      {created ? (
        <section className="card callout stack token-created" aria-labelledby={`${id}-created`} data-testid="new-token">
          <h2 id={`${id}-created`} ref={createdHeading} tabIndex={-1}>
            Your new token “{created.name}”
          </h2>
          <p>
            <strong>Copy it now: it will not be shown again.</strong> Only a fingerprint of it is kept, so nobody, not even us, can show it to you
            later. If you lose it, revoke it and make another.
          </p>
          <div className="token-secret-row">
            <label className="token-secret-label">
              Token
              <input className="token-secret" readOnly value={created.token} onFocus={(event) => event.currentTarget.select()} spellCheck={false} data-testid="new-token-value" />
            </label>
            <button type="button" className="button" onClick={() => void copy(created.token)}>
              Copy
            </button>
          </div>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setCreated(null)}>
              I have copied it
            </button>
          </div>
        </section>
      ) : null}

      <section className="card" aria-labelledby={`${id}-new`}>
        <form ref={form} className="fields" onSubmit={submit} noValidate>
          <h2 id={`${id}-new`}>New token</h2>
          <label>
            Name
            <input
              name="name"
              value={name}
              maxLength={100}
              placeholder="Deploy script"
              autoComplete="off"
              onChange={(event) => setName(event.target.value)}
              {...invalid('name')}
            />
            {fieldError('name')}
          </label>
          <fieldset className="token-scopes" {...invalid('scopes')}>
            <legend>What it may do</legend>
            {TOKEN_SCOPES.map((scope) => (
              <label key={scope} className="choice token-scope">
                <input type="checkbox" name="scopes" value={scope} checked={scopes.includes(scope)} onChange={(event) => toggleScope(scope, event.target.checked)} />
                <span>
                  <code>{scope}</code>
                  <span className="muted"> {SCOPE_SENTENCES[scope]}</span>
                </span>
              </label>
            ))}
            {fieldError('scopes')}
          </fieldset>
          <label>
            Expires after
            <select name="expiresInDays" value={expiry} onChange={(event) => setExpiry(event.target.value)} {...invalid('expiresInDays')}>
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
            {fieldError('expiresInDays')}
          </label>
          {create.error && Object.keys(fields).length === 0 ? (
            <p role="alert" className="error form-alert">
              {create.error}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" className="button" aria-disabled={create.busy || undefined}>
              {create.busy ? 'Creating…' : 'Create token'}
            </button>
          </div>
        </form>
      </section>

      <section className="card stack" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>Your tokens</h2>
        <StatusMessage status={status} />
        {revoke.error ? (
          <p role="alert" className="error">
            {revoke.error}
          </p>
        ) : null}
        {tokens.length === 0 ? (
          <p className="empty">No tokens yet. Make one above when a script needs the API.</p>
        ) : (
          <ul className="token-list" aria-label="Your tokens">
            {tokens.map((token) => {
              const state = STATUS_LOOK[token.status];
              return (
                <li key={token.id} className="token-item" data-testid="api-token">
                  <div className="token-head">
                    <span className="token-name">{token.name}</span>
                    <span className={`pill ${state.tone}`}>{state.label}</span>
                    {token.kind === 'extension' ? <span className="pill accent">Browser extension</span> : null}
                  </div>
                  <dl className="token-facts">
                    <div>
                      <dt>Token</dt>
                      <dd>
                        <code>{token.prefix}…</code>
                      </dd>
                    </div>
                    <div>
                      <dt>Scopes</dt>
                      <dd className="token-scope-pills">
                        {token.scopes.map((scope) => (
                          <span key={scope} className="pill">
                            {scope}
                          </span>
                        ))}
                      </dd>
                    </div>
                    <div>
                      <dt>Last used</dt>
                      <dd>{token.lastUsedAt ? formatLongDate(token.lastUsedAt) : 'Never'}</dd>
                    </div>
                    <div>
                      <dt>{token.status === 'revoked' ? 'Revoked' : token.status === 'expired' ? 'Expired' : 'Expires'}</dt>
                      <dd>{token.revokedAt ? formatLongDate(token.revokedAt) : token.expiresAt ? formatLongDate(token.expiresAt) : 'Never'}</dd>
                    </div>
                  </dl>
                  {token.status === 'revoked' ? null : (
                    <div className="token-actions">
                      <button
                        type="button"
                        className="button secondary sm"
                        onClick={() => remove(token)}
                        aria-disabled={revoke.busy || undefined}
                        aria-label={`Revoke ${token.name} (${token.prefix}…)`}
                      >
                        Revoke
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
