'use client';

import { useState } from 'react';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';

interface BillingActionButtonProps {
  /** POST /api/billing/checkout or /api/billing/portal; both answer `{ url }` on Stripe. */
  path: '/api/billing/checkout' | '/api/billing/portal';
  body?: Record<string, string>;
  label: string;
  busyLabel: string;
  variant?: 'primary' | 'secondary';
  testId?: string;
}

/**
 * Opens a Stripe page (Checkout, or the customer portal). The button stays focusable while the
 * session is created (aria-disabled, not disabled), and a refusal is said next to it.
 */
export function BillingActionButton({ path, body = {}, label, busyLabel, variant = 'primary', testId }: BillingActionButtonProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function go() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const { url } = await apiFetch<{ url: string }>(path, { method: 'POST', body });
      window.location.assign(url);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <button
        type="button"
        className={variant === 'primary' ? 'button' : 'button secondary'}
        aria-disabled={busy || undefined}
        onClick={() => void go()}
        data-testid={testId}
      >
        {busy ? busyLabel : label}
      </button>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
