'use client';

import { useState } from 'react';
import { errorMessage } from '@/lib/client/api-fetch';

/**
 * A button's call to the API: busy while it runs (a second press does nothing), and the refusal's
 * message when it fails. `leaves: true` is for an action that ends by taking the browser to another
 * page: the button then stays busy until the page goes, and only a failure frees it.
 */
export function useApiAction(): { busy: boolean; error: string | null; run: (action: () => Promise<void>, options?: { leaves?: boolean }) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void>, { leaves = false }: { leaves?: boolean } = {}) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
      if (!leaves) setBusy(false);
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return { busy, error, run };
}
