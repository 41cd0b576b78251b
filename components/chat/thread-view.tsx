'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { AnswerCard, turnFromRun, type Turn } from '@/components/chat/answer-card';
import { Composer, type OutputChoice, type VoiceAccess } from '@/components/chat/composer';
import type { TemplateChoice } from '@/components/chat/template-picker';
import { apiFetch } from '@/lib/client/api-fetch';
import { chatNotice, type ChatNotice } from '@/lib/client/chat-notice';
import { streamRun } from '@/lib/client/run-stream';
import type { Run } from '@/lib/zod/schemas/runs';
import type { Thread } from '@/lib/zod/schemas/threads';

// A run answering elsewhere (another tab, or before a reload) is read again this often.
const WATCH_INTERVAL_MS = 1000;

interface ThreadViewProps {
  /** The conversation shown, or null for a new one (the first run creates it). */
  thread: Thread | null;
  runs: Run[];
  initialTask: string;
  /** The catalog, to attach templates to a task; and those the address asked to attach (?templates=). */
  templateChoices: TemplateChoice[];
  initialTemplates: string[];
  voice: VoiceAccess;
  offline: boolean;
  /** A new conversation exists: the sidebar lists it and the address names it. */
  onThreadStarted: (thread: Thread) => void;
  onThreadActivity: (threadId: string, running: boolean) => void;
}

/**
 * A conversation: every turn with its answer, streaming as it arrives, and the box for the next
 * question. Leaving or reloading only stops this page reading: the run goes on on the server, and
 * coming back shows its progress (polled) and its result. Only Stop cancels.
 */
export function ThreadView({ thread, runs, initialTask, templateChoices, initialTemplates, voice, offline, onThreadStarted, onThreadActivity }: ThreadViewProps) {
  const [threadId, setThreadId] = useState<string | null>(thread?.id ?? null);
  const [turns, setTurns] = useState<Turn[]>(() => runs.map(turnFromRun));
  const [task, setTask] = useState(initialTask);
  const [outputType, setOutputType] = useState<OutputChoice>('auto');
  const [templates, setTemplates] = useState<string[]>(initialTemplates);
  const [error, setNotice] = useState<ChatNotice | null>(null);
  const setError = (problem: unknown) => setNotice(chatNotice(problem));
  const [stopping, setStopping] = useState(false);
  const reading = useRef<AbortController | null>(null);
  const endRef = useRef<HTMLDivElement | null>(null);

  const update = useCallback((key: string, change: (turn: Turn) => Turn) => {
    setTurns((current) => current.map((turn) => (turn.key === key ? change(turn) : turn)));
  }, []);

  // Leaving the page stops reading the answer, not the run: it finishes on the server.
  useEffect(() => () => reading.current?.abort(), []);

  const active = turns.find((turn) => turn.live !== null) ?? null;
  const watching = turns.filter((turn) => turn.live === 'watch' && turn.runId).map((turn) => turn.runId!);
  const watchKey = watching.join(',');

  useEffect(() => {
    if (!watchKey) return;
    let stopped = false;
    const timer = setInterval(() => {
      for (const runId of watchKey.split(',')) {
        apiFetch<Run>(`/api/runs/${runId}`).then(
          (run) => {
            if (stopped) return;
            const done = run.status !== 'queued' && run.status !== 'running';
            update(runId, (turn) => ({ ...turnFromRun(run), live: done ? null : 'watch', text: run.partialOutput ?? turn.text }));
            if (done && threadId) onThreadActivity(threadId, false);
          },
          () => {},
        );
      }
    }, WATCH_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [watchKey, update, threadId, onThreadActivity]);

  // The newest turn comes into view as it starts.
  const count = turns.length;
  useEffect(() => {
    if (count > 0) endRef.current?.scrollIntoView({ block: 'end', behavior: 'smooth' });
  }, [count]);

  async function start(request: { task: string; outputType: OutputChoice; regenerates?: string; templateIds?: string[] }) {
    setError(null);
    const key = `pending-${Date.now()}`;
    const pending: Turn = {
      key,
      task: request.task,
      runId: null,
      model: null,
      provider: null,
      outputType: request.outputType === 'auto' ? null : request.outputType,
      threadContext: null,
      replacesRunId: request.regenerates ?? null,
      text: '',
      run: null,
      live: 'stream',
      error: null,
    };
    setTurns((current) => [...current, pending]);
    const abort = new AbortController();
    reading.current = abort;
    let runKey = key;
    try {
      await streamRun(
        {
          task: request.task,
          outputType: request.outputType,
          ...(request.templateIds && request.templateIds.length > 0 ? { templateIds: request.templateIds } : {}),
          ...(request.regenerates ? { regenerates: request.regenerates } : threadId ? { threadId } : {}),
        },
        (event) => {
          if (event.type === 'run') {
            const started = event.run;
            update(runKey, (turn) => ({
              ...turn,
              key: started.id,
              runId: started.id,
              model: started.model,
              provider: started.provider,
              outputType: started.outputType,
              threadContext: started.threadContext,
            }));
            runKey = started.id;
            // The server took the task: the box is free for the next one. Templates apply to the
            // run they were sent with, so they are detached too (a follow-up attaches its own).
            if (!request.regenerates) {
              setTask('');
              setTemplates([]);
            }
            if (!threadId) {
              setThreadId(started.threadId);
              const now = new Date().toISOString();
              onThreadStarted({ id: started.threadId, title: request.task.split('\n')[0]!.slice(0, 80), createdAt: now, updatedAt: now, runCount: 1, running: true });
            } else {
              onThreadActivity(threadId, true);
            }
          } else if (event.type === 'delta') {
            const text = event.text;
            update(runKey, (turn) => ({ ...turn, text: turn.text + text }));
          } else {
            const stored = event.run;
            const failure = event.type === 'error' ? event.error.message : null;
            update(runKey, (turn) => ({ ...turn, run: stored, live: null, error: failure }));
            onThreadActivity(stored?.threadId ?? threadId ?? '', false);
          }
        },
        abort.signal,
      );
    } catch (caught) {
      if (abort.signal.aborted) return;
      // Refused before anything was stored (a limit, a bad request): the task stays in the box.
      setTurns((current) => current.filter((turn) => !(turn.key === runKey && turn.runId === null)));
      update(runKey, (turn) => (turn.runId ? { ...turn, live: 'watch' } : turn));
      setError(caught);
    } finally {
      if (reading.current === abort) reading.current = null;
    }
  }

  /** Stop asks the server to cancel; the stream (or the watch) then ends with the run stored as cancelled. */
  async function stop() {
    if (!active?.runId) return;
    setStopping(true);
    try {
      await apiFetch(`/api/runs/${active.runId}/cancel`, { method: 'POST' });
    } catch (caught) {
      setError(caught);
    } finally {
      setStopping(false);
    }
  }

  const replaced = new Set(turns.filter((turn) => turn.replacesRunId && turn.run?.status === 'succeeded').map((turn) => turn.replacesRunId!));

  return (
    <div className="thread">
      {offline ? (
        <p className="badge" data-testid="offline-badge">
          Offline provider: no model key is configured, so answers are generated locally as placeholders.
        </p>
      ) : null}
      {turns.length === 0 ? (
        <div className="thread-empty">
          <h1>Ask your cofounder</h1>
          <p className="muted">
            Describe the work in plain words. Your profile and vibe shape the prompt; follow-ups carry the conversation so far.
          </p>
        </div>
      ) : (
        <>
          <h1 className="sr-only">{thread?.title ?? 'Conversation'}</h1>
          <ol className="turns" aria-label="Conversation">
            {turns.map((turn) => (
              <li key={turn.key} className="turn">
                <p className="question" dir="auto" data-testid="question">
                  {turn.task}
                </p>
                <AnswerCard
                  turn={turn}
                  replaced={turn.runId !== null && replaced.has(turn.runId)}
                  busy={active !== null}
                  onRegenerate={(earlier) =>
                    // Answered again with the templates the earlier answer had.
                    void start({
                      task: earlier.task,
                      outputType: earlier.outputType ?? 'auto',
                      templateIds: earlier.run?.templates.map((used) => used.id) ?? [],
                      ...(earlier.runId ? { regenerates: earlier.runId } : {}),
                    })
                  }
                  onRunChange={(run) => update(run.id, (current) => ({ ...current, run }))}
                />
              </li>
            ))}
          </ol>
        </>
      )}
      <div ref={endRef} />
      <Composer
        task={task}
        onTaskChange={setTask}
        outputType={outputType}
        onOutputTypeChange={setOutputType}
        running={active !== null}
        canStop={Boolean(active?.runId)}
        stopping={stopping}
        followUp={turns.length > 0}
        voice={voice}
        error={error}
        templateChoices={templateChoices}
        templates={templates}
        onTemplatesChange={setTemplates}
        onSend={() => void start({ task, outputType, templateIds: templates })}
        onStop={() => void stop()}
        onError={setError}
      />
    </div>
  );
}
