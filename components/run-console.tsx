'use client';

import { useRef, useState } from 'react';
import { RunOutputView } from '@/components/run-output';
import { ApiClientError, apiFetch, errorMessage } from '@/lib/client/api-fetch';
import { LimitExceededError, streamRun } from '@/lib/client/run-stream';
import { OUTPUT_TYPE_LABELS, OUTPUT_TYPES, type Feedback, type Run } from '@/lib/zod/schemas/runs';

interface Started {
  id: string;
  model: string;
  provider: string;
}

const formatCost = (usd: number) => (usd === 0 ? '$0' : usd < 0.01 ? `$${usd.toFixed(5)}` : `$${usd.toFixed(3)}`);

function limitMessage(error: LimitExceededError): string {
  const resets = new Date(error.details.resetsAt).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
  const what = error.details.metricType === 'tokens' ? 'tokens' : 'runs';
  return `You have used ${error.details.current.toLocaleString()} of your ${error.details.limit.toLocaleString()} ${what} this month. The limit resets on ${resets}.`;
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
  const [note, setNote] = useState('');
  const [feedbackStatus, setFeedbackStatus] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);

  async function send() {
    setStarted(null);
    setStreamed('');
    setRun(null);
    setError(null);
    setFeedbackStatus(null);
    setRunning(true);
    const abort = new AbortController();
    controller.current = abort;
    try {
      await streamRun(
        { task, outputType },
        (event) => {
          if (event.type === 'run') setStarted(event.run);
          else if (event.type === 'delta') setStreamed((text) => text + event.text);
          else if (event.type === 'done') setRun(event.run);
          else {
            setRun(event.run);
            setError(event.error.message);
          }
        },
        abort.signal,
      );
    } catch (caught) {
      if (abort.signal.aborted) setError('Stopped. The run is saved as cancelled with the tokens it used.');
      else if (caught instanceof LimitExceededError) setError(limitMessage(caught));
      else setError(errorMessage(caught));
    } finally {
      setRunning(false);
      controller.current = null;
    }
  }

  async function sendFeedback(feedback: Feedback) {
    if (!run) return;
    try {
      const updated = await apiFetch<Run>(`/api/runs/${run.id}/feedback`, {
        method: 'POST',
        body: feedback === 'revised' ? { feedback, detail: note } : { feedback },
      });
      setRun(updated);
      setFeedbackStatus(feedback === 'approved' ? 'Approved — thanks, the atoms learn from this.' : feedback === 'rejected' ? 'Rejected.' : 'Revision noted.');
    } catch (caught) {
      setFeedbackStatus(errorMessage(caught));
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
          Task
          <textarea name="task" rows={4} maxLength={8000} value={task} onChange={(e) => setTask(e.target.value)} placeholder="e.g. Draft a LinkedIn post announcing our new pricing" />
        </label>
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
              <button type="button" className="button danger" onClick={() => controller.current?.abort()}>
                Stop
              </button>
            ) : (
              <button type="button" className="button" disabled={!task.trim()} onClick={() => void send()}>
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
                {formatCost(run.costUsd)} · {run.latencyMs ?? '–'} ms
              </>
            ) : null}
          </p>
          {run?.status === 'succeeded' ? <RunOutputView type={run.outputType} output={run.output} /> : <pre data-testid="run-stream">{streamed}</pre>}
          {run?.status === 'succeeded' ? (
            <div className="feedback">
              {run.feedback ? (
                <p className="success" data-testid="run-feedback">
                  {feedbackStatus ?? `Feedback: ${run.feedback}`}
                </p>
              ) : (
                <>
                  <div className="actions">
                    <button type="button" className="button" onClick={() => void sendFeedback('approved')}>
                      Approve
                    </button>
                    <button type="button" className="button secondary" onClick={() => void sendFeedback('rejected')}>
                      Reject
                    </button>
                    <button type="button" className="button secondary" disabled={!note.trim()} onClick={() => void sendFeedback('revised')}>
                      Revise
                    </button>
                  </div>
                  <label>
                    What would you change? <span className="muted">(needed to revise)</span>
                    <textarea name="note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
                  </label>
                  {feedbackStatus ? <p className="error">{feedbackStatus}</p> : null}
                </>
              )}
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
