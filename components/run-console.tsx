'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { RunOutputView } from '@/components/run-output';
import { StatusMessage, type Status } from '@/components/status-message';
import { ApiClientError, apiFetch, errorMessage } from '@/lib/client/api-fetch';
import { exactUsd, formatUsd } from '@/lib/client/format-money';
import { LimitExceededError, streamRun } from '@/lib/client/run-stream';
import { MAX_TASK_CHARS } from '@/lib/zod/schemas/assembly';
import { OUTPUT_TYPE_LABELS, OUTPUT_TYPES, type Feedback, type Run } from '@/lib/zod/schemas/runs';

interface Started {
  id: string;
  model: string;
  provider: string;
}


function limitMessage(error: LimitExceededError): string {
  const resets = new Date(error.details.resetsAt).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
  const what = error.details.metricType === 'tokens' ? 'tokens' : 'runs';
  return `You have used ${error.details.current.toLocaleString()} of your ${error.details.limit.toLocaleString()} ${what} this month. The limit resets on ${resets}.`;
}

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
function RunFeedback({ run, onChange }: { run: Run; onChange: (run: Run) => void }) {
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<Status | null>(null);
  const [sending, setSending] = useState(false);

  async function send(feedback: Feedback) {
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
        <textarea name="note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What worked, or what would you change?" />
      </label>
      <div className="actions" role="group" aria-label="Verdict">
        {VERDICT_BUTTONS.map(({ value, label }) => (
          <button
            key={value}
            type="button"
            className="button secondary"
            aria-pressed={run.feedback === value}
            disabled={sending || (value === 'revised' && !note.trim())}
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

/** Ask for work, watch the answer stream in, stop it, and give feedback that teaches the atoms. */
export function RunConsole({ offline }: { offline: boolean }) {
  const [task, setTask] = useState('');
  const [outputType, setOutputType] = useState<'auto' | (typeof OUTPUT_TYPES)[number]>('auto');
  const [started, setStarted] = useState<Started | null>(null);
  const [streamed, setStreamed] = useState('');
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [recording, setRecording] = useState(false);
  const [stopping, setStopping] = useState(false);
  const tooLong = task.length > MAX_TASK_CHARS;
  const canSend = task.trim().length > 0 && !tooLong && !running;
  const controller = useRef<AbortController | null>(null);

  // Leaving the page stops reading the answer, not the run: it finishes on the server.
  useEffect(() => () => controller.current?.abort(), []);

  /** Stop asks the server to cancel; the stream then ends with the run stored as cancelled. */
  async function stop() {
    if (!started) return;
    setStopping(true);
    try {
      await apiFetch(`/api/runs/${started.id}/cancel`, { method: 'POST' });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setStopping(false);
    }
  }
  const recorder = useRef<MediaRecorder | null>(null);

  async function send() {
    setStarted(null);
    setStreamed('');
    setRun(null);
    setError(null);
    setRunning(true);
    const abort = new AbortController();
    controller.current = abort;
    try {
      await streamRun(
        { task, outputType },
        (event) => {
          if (event.type === 'run') setStarted(event.run);
          else if (event.type === 'delta') setStreamed((text) => text + event.text);
          else if (event.type === 'done') {
            setRun(event.run);
            if (event.run.status === 'cancelled') setError('Stopped. The run is saved as cancelled with the tokens it used.');
          }
          else {
            setRun(event.run);
            setError(event.error.message);
          }
        },
        abort.signal,
      );
    } catch (caught) {
      // Leaving the page only stops reading; the run finishes on the server and is kept.
      if (abort.signal.aborted) return;
      if (caught instanceof LimitExceededError) setError(limitMessage(caught));
      else setError(errorMessage(caught));
    } finally {
      setRunning(false);
      controller.current = null;
    }
  }

  async function toggleRecording() {
    if (recording) {
      recorder.current?.stop();
      return;
    }
    setError(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setError('The browser did not allow the microphone.');
      return;
    }
    const chunks: Blob[] = [];
    const media = new MediaRecorder(stream);
    media.ondataavailable = (event) => chunks.push(event.data);
    media.onstop = async () => {
      stream.getTracks().forEach((track) => track.stop());
      setRecording(false);
      const form = new FormData();
      form.append('audio', new Blob(chunks, { type: media.mimeType || 'audio/webm' }), 'task.webm');
      try {
        const response = await fetch('/api/voice/transcribe', { method: 'POST', body: form });
        const data = (await response.json()) as { text?: string; error?: { code: string; message: string } };
        if (!response.ok) throw new ApiClientError(response.status, data.error?.code ?? 'unknown', data.error?.message ?? 'Transcription failed');
        setTask((current) => (current ? `${current} ${data.text}` : (data.text ?? '')));
      } catch (caught) {
        setError(
          caught instanceof ApiClientError && caught.code === 'premium_required'
            ? 'Voice input is part of the Pro and Enterprise plans.'
            : errorMessage(caught),
        );
      }
    };
    recorder.current = media;
    media.start();
    setRecording(true);
  }

  const finished = run && run.status !== 'running' && run.status !== 'queued';

  return (
    <div className="console">
      <section className="card fields">
        <h1>Ask your cofounder</h1>
        {offline ? (
          <p className="badge" data-testid="offline-badge">
            Offline provider: no model key is configured, so answers are generated locally as placeholders.
          </p>
        ) : null}
        <label>
          <span>
            Task{' '}
            <span className={tooLong ? 'error' : 'muted'} data-testid="task-count">
              ({task.length.toLocaleString('en')}/{MAX_TASK_CHARS.toLocaleString('en')})
            </span>
          </span>
          {/* No maxLength: a pasted task is never cut; one that is too long is refused, saying so. */}
          <textarea
            name="task"
            rows={4}
            dir="auto"
            value={task}
            onChange={(e) => setTask(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && canSend) {
                e.preventDefault();
                void send();
              }
            }}
            aria-invalid={tooLong || undefined}
            aria-describedby="task-help"
            placeholder="e.g. Draft a LinkedIn post announcing our new pricing"
          />
        </label>
        <p id="task-help" className={tooLong ? 'error field-error' : 'muted field-error'}>
          {tooLong
            ? `This task is ${(task.length - MAX_TASK_CHARS).toLocaleString('en')} characters over the ${MAX_TASK_CHARS.toLocaleString('en')}-character limit. Shorten it to send.`
            : 'Ctrl+Enter (⌘+Enter on a Mac) sends.'}
        </p>
        <div className="row">
          <label>
            Output
            <select name="outputType" value={outputType} onChange={(e) => setOutputType(e.target.value as typeof outputType)}>
              <option value="auto">Let the app choose</option>
              {OUTPUT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {OUTPUT_TYPE_LABELS[type]}
                </option>
              ))}
            </select>
          </label>
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => void toggleRecording()} disabled={running}>
              {recording ? 'Stop recording' : 'Dictate'}
            </button>
            {running ? (
              <button type="button" className="button danger" onClick={() => void stop()} disabled={!started || stopping}>
                {stopping ? 'Stopping…' : 'Stop'}
              </button>
            ) : (
              <button type="button" className="button" disabled={!canSend} onClick={() => void send()}>
                Send
              </button>
            )}
          </div>
        </div>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
      </section>

      {started || run ? (
        <section className="card answer" aria-live="polite">
          <p className="muted" data-testid="run-meta">
            Run <code data-testid="run-id">{run?.id ?? started?.id}</code> · {run?.model ?? started?.model} ({run?.provider ?? started?.provider})
            {finished ? (
              <>
                {' '}
                · <span data-testid="run-status">{run.status}</span> · <span data-testid="run-tokens">{run.inputTokens + run.outputTokens} tokens</span> ·{' '}
                <span title={exactUsd(run.costUsd)}>{formatUsd(run.costUsd)}</span> · {run.latencyMs ?? '–'} ms ·{' '}
                <Link href={`/runs/${run.id}`}>Details</Link>
              </>
            ) : null}
          </p>
          {run?.status === 'succeeded' ? (
            <div dir="auto">
              <RunOutputView type={run.outputType} output={run.output} />
            </div>
          ) : (
            <pre data-testid="run-stream" dir="auto">
              {streamed}
            </pre>
          )}
          {run?.status === 'succeeded' ? (
            // Keyed by run, so a new run starts with an empty note and no earlier message; an
            // answer that arrives after a new run started must not replace that run.
            <RunFeedback key={run.id} run={run} onChange={(updated) => setRun((current) => (current?.id === updated.id ? updated : current))} />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
