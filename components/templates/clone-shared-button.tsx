'use client';

import { useRouter } from 'next/navigation';
import { apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';

/** Clones a shared customisation into the caller's own customisation of the template, then opens that template. */
export function CloneSharedButton({ shareId, templateId, templateName }: { shareId: string; templateId: string; templateName: string }) {
  const router = useRouter();
  const clone = useApiAction();

  function run() {
    void clone.run(
      async () => {
        await apiFetch(`/api/template-shares/${shareId}/clone`, { method: 'POST', body: {} });
        router.push(`/templates/${templateId}`);
      },
      { leaves: true },
    );
  }

  return (
    <div className="stack tight">
      <div className="actions">
        <button type="button" className="button" onClick={run} aria-disabled={clone.busy || undefined} aria-label={`Clone into my ${templateName} customisation`}>
          {clone.busy ? 'Cloning…' : 'Clone'}
        </button>
      </div>
      <p className="muted">Cloning writes a new version of your own customisation of this template; your history keeps the earlier ones.</p>
      {clone.error ? (
        <p role="alert" className="error">
          {clone.error}
        </p>
      ) : null}
    </div>
  );
}
