'use client';

import { useEffect, useRef, useState } from 'react';
import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';

/**
 * How the code gets back to the extension: the extension's content script runs on this page. After
 * the approval the page posts `{ type: 'venture-companion:extension-code', code, state }` to its own
 * window and also puts the code on the `#extension-code` element's data attributes (the content
 * script may load after the message was sent). The content script forwards it to the extension,
 * which checks the state against the connection it started and exchanges the code with its PKCE
 * verifier; the verifier never leaves the extension, so a script that reads the code here cannot
 * use it. The extension answers with `venture-companion:extension-connected`. Without a content
 * script (the extension was not given access to this site) the person copies the code by hand.
 */

const CODE_MESSAGE = 'venture-companion:extension-code';
const CONNECTED_MESSAGE = 'venture-companion:extension-connected';
const CANCELLED_MESSAGE = 'venture-companion:extension-cancelled';

const ABILITIES = [
  { scope: 'runs:write', text: 'Send tasks to your cofounder, and approve or reject the answers.' },
  { scope: 'runs:read', text: 'Read your runs and their answers.' },
  { scope: 'profile:read', text: 'See your account’s email address and profile.' },
];

interface Issued {
  code: string;
  state: string;
  expiresAt: string;
}

export function ConnectExtension({ challenge, state, email }: { challenge: string; state: string; email: string | null }) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [connected, setConnected] = useState(false);
  const [copied, setCopied] = useState(false);
  const { busy, error, run } = useApiAction();
  const outcome = useRef<HTMLDivElement>(null);

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (event.source !== window || event.origin !== window.location.origin) return;
      const data = event.data as { type?: unknown; state?: unknown } | null;
      if (data?.type === CONNECTED_MESSAGE && data.state === state) setConnected(true);
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [state]);

  useEffect(() => {
    if (issued || cancelled) outcome.current?.focus();
  }, [issued, cancelled]);

  function approve() {
    void run(async () => {
      const answer = await apiFetch<Issued>('/api/extension/authorize', { method: 'POST', body: { challenge, state } });
      setIssued(answer);
      window.postMessage({ type: CODE_MESSAGE, code: answer.code, state: answer.state }, window.location.origin);
    });
  }

  function cancel() {
    setCancelled(true);
    window.postMessage({ type: CANCELLED_MESSAGE, state }, window.location.origin);
  }

  async function copy(code: string) {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  if (cancelled) {
    return (
      <div className="card stack" ref={outcome} tabIndex={-1} role="status" data-testid="connect-cancelled">
        <h2>Not connected</h2>
        <p className="muted">The extension was not given access. You can close this tab.</p>
      </div>
    );
  }

  if (issued) {
    return (
      <div className="card stack" ref={outcome} tabIndex={-1} aria-labelledby="connect-approved-title">
        <h2 id="connect-approved-title">{connected ? 'The extension is connected' : 'Approved'}</h2>
        <p className="muted" role="status" data-testid="connect-status">
          {connected
            ? 'You can close this tab and use the extension.'
            : 'Handing the code to the extension… If it does not pick it up, copy the code into the extension’s “Paste a code” field.'}
        </p>
        <div className="extension-code-row">
          <code id="extension-code" data-testid="extension-code" data-code={issued.code} data-state={issued.state} className="extension-code">
            {issued.code}
          </code>
          <button type="button" className="button secondary sm" onClick={() => void copy(issued.code)}>
            {copied ? 'Copied' : 'Copy code'}
          </button>
        </div>
        <p className="muted">
          The code works once, only for the extension that asked for it, until{' '}
          {new Date(issued.expiresAt).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}.
        </p>
      </div>
    );
  }

  return (
    <div className="card stack" aria-labelledby="connect-ask-title">
      <h2 id="connect-ask-title">Allow the Venture Companion extension to act for {email ?? 'you'}?</h2>
      <p className="muted">It will be able to:</p>
      <ul className="extension-abilities">
        {ABILITIES.map((ability) => (
          <li key={ability.scope}>
            {ability.text} <code className="pill">{ability.scope}</code>
          </li>
        ))}
      </ul>
      <p className="muted">
        It cannot change your settings, billing or templates. Its access lasts an hour at a time and renews itself while you use it; Disconnect in
        the extension ends it.
      </p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="button" className="button" onClick={approve} aria-disabled={busy || undefined} data-testid="connect-approve">
          {busy ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" className="button secondary" onClick={cancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
