'use client';

import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';

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
  const { busy, error, run } = useApiAction();
  const go = () =>
    run(
      async () => {
        const { url } = await apiFetch<{ url: string }>(path, { method: 'POST', body });
        window.location.assign(url);
      },
      { leaves: true },
    );

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
