'use client';

import { useState } from 'react';
import { StatusMessage, type Status } from '@/components/status-message';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';
import type { Feedback, Run } from '@/lib/zod/schemas/runs';

const VERDICT_BUTTONS: { value: Feedback; label: string }[] = [
  { value: 'approved', label: 'Approve' },
  { value: 'rejected', label: 'Reject' },
  { value: 'revised', label: 'Revise' },
];

const VERDICT_NAMES: Record<Feedback, string> = { approved: 'Approved', rejected: 'Rejected', revised: 'Revised' };

function savedMessage(before: Feedback | null, after: Feedback): string {
  if (before === after) return 'Note saved.';
  if (before) return `Changed to ${VERDICT_NAMES[after].toLowerCase()}; the atoms' statistics were corrected.`;
  return `${VERDICT_NAMES[after]} — thanks, the atoms learn from this.`;
}

/**
 * Approve, reject or revise a succeeded run with an optional note, and change the verdict later:
 * the server counts each run once, at its latest verdict, so repeating or changing one is safe.
 */
export function RunFeedback({ run, onChange }: { run: Run; onChange: (run: Run) => void }) {
  const [note, setNote] = useState(run.feedbackDetail ?? '');
  const [status, setStatus] = useState<Status | null>(null);
  const [sending, setSending] = useState(false);

  async function send(feedback: Feedback) {
    if (sending) return;
    setSending(true);
    try {
      const updated = await apiFetch<Run>(`/api/runs/${run.id}/feedback`, { method: 'POST', body: { feedback, detail: note } });
      onChange(updated);
      setStatus({ kind: 'saved', text: savedMessage(run.feedback, feedback) });
    } catch (caught) {
      setStatus({ kind: 'error', text: errorMessage(caught) });
    } finally {
      setSending(false);
    }
  }

  return (
    <div className="feedback" data-testid="feedback">
      <label>
        Note <span className="muted">(optional; needed to revise)</span>
        <textarea name="note" rows={2} maxLength={2000} dir="auto" value={note} onChange={(e) => setNote(e.target.value)} placeholder="What worked, or what would you change?" />
      </label>
      <div className="actions" role="group" aria-label="Verdict">
        {VERDICT_BUTTONS.map(({ value, label }) => (
          <button
            key={value}
            type="button"
            className="button secondary"
            aria-pressed={run.feedback === value}
            // While a verdict is on its way the buttons refuse clicks but keep focus (a disabled
            // button would drop it to the page); Revise needs a note first.
            aria-disabled={sending || undefined}
            disabled={!sending && value === 'revised' && !note.trim()}
            onClick={() => void send(value)}
          >
            {label}
          </button>
        ))}
      </div>
      {run.feedback ? (
        <p className="muted" data-testid="run-feedback">
          Your verdict: <strong>{VERDICT_NAMES[run.feedback]}</strong>. You can change it.
        </p>
      ) : null}
      <StatusMessage status={status} />
    </div>
  );
}
