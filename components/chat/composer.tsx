'use client';

import { Lock, Mic, Send, Square } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { TemplatePicker, type TemplateChoice } from '@/components/chat/template-picker';
import { ApiClientError } from '@/lib/client/api-fetch';
import type { ChatNotice } from '@/lib/client/chat-notice';
import { MAX_TASK_CHARS } from '@/lib/zod/schemas/assembly';
import { MAX_RECORDING_SECONDS, OUTPUT_TYPE_LABELS, OUTPUT_TYPES } from '@/lib/zod/schemas/runs';

export type OutputChoice = 'auto' | (typeof OUTPUT_TYPES)[number];

/** Whether this account may dictate: the server decides; the page only shows it before anyone records. */
export type VoiceAccess = 'available' | 'premium_required';

interface ComposerProps {
  task: string;
  onTaskChange: (task: string) => void;
  outputType: OutputChoice;
  templateChoices: TemplateChoice[];
  templates: string[];
  onTemplatesChange: (ids: string[]) => void;
  onOutputTypeChange: (type: OutputChoice) => void;
  /** A run is being answered: Send becomes Stop. */
  running: boolean;
  canStop: boolean;
  stopping: boolean;
  followUp: boolean;
  voice: VoiceAccess;
  error: ChatNotice | null;
  onSend: () => void;
  onStop: () => void;
  /** A message, a caught error (its code decides whether the notice offers an upgrade), or null to clear. */
  onError: (problem: unknown) => void;
}

const minutesSeconds = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Dictation: record, send to the transcription API, append the text to the task. */
function useDictation(onText: (text: string) => void, onError: (problem: unknown) => void) {
  const [recording, setRecording] = useState(false);
  const [transcribing, setTranscribing] = useState(false);
  const [seconds, setSeconds] = useState(0);
  const recorder = useRef<MediaRecorder | null>(null);
  const startedAt = useRef(0);

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => {
      const elapsed = (Date.now() - startedAt.current) / 1000;
      setSeconds(Math.floor(elapsed));
      // The server takes no longer recording; stop where it would refuse.
      if (elapsed >= MAX_RECORDING_SECONDS && recorder.current?.state === 'recording') recorder.current.stop();
    }, 250);
    return () => clearInterval(timer);
  }, [recording]);

  // Leaving the page ends a recording and releases the microphone.
  useEffect(() => () => recorder.current?.stop(), []);

  async function start() {
    onError(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      onError('The browser did not allow the microphone. Allow it in the address bar, then try again.');
      return;
    }
    const chunks: Blob[] = [];
    const media = new MediaRecorder(stream);
    media.ondataavailable = (event) => chunks.push(event.data);
    media.onstop = async () => {
      // What the server reserves against the monthly voice allowance before transcribing.
      const durationSeconds = Math.min(MAX_RECORDING_SECONDS, Math.max(0.1, (Date.now() - startedAt.current) / 1000));
      stream.getTracks().forEach((track) => track.stop());
      setRecording(false);
      recorder.current = null;
      setTranscribing(true);
      const form = new FormData();
      form.append('audio', new Blob(chunks, { type: media.mimeType || 'audio/webm' }), 'task.webm');
      form.append('durationSeconds', durationSeconds.toFixed(1));
      try {
        const response = await fetch('/api/voice/transcribe', { method: 'POST', body: form });
        const data = (await response.json()) as { text?: string; error?: { code: string; message: string } };
        if (!response.ok) throw new ApiClientError(response.status, data.error?.code ?? 'unknown', data.error?.message ?? 'Transcription failed');
        onText(data.text ?? '');
      } catch (caught) {
        onError(caught);
      } finally {
        setTranscribing(false);
      }
    };
    recorder.current = media;
    media.start();
    startedAt.current = Date.now();
    setSeconds(0);
    setRecording(true);
  }

  return { recording, transcribing, seconds, start, stop: () => recorder.current?.stop() };
}

/** The task box: counts against the limit (refuses, never cuts), sends with Ctrl/⌘+Enter, dictates on paid plans. */
export function Composer(props: ComposerProps) {
  const { task, onTaskChange, outputType, onOutputTypeChange, templateChoices, templates, onTemplatesChange, running, canStop, stopping, followUp, voice, error, onSend, onStop, onError } = props;
  const tooLong = task.length > MAX_TASK_CHARS;
  const canSend = task.trim().length > 0 && !tooLong && !running;
  const ids = { help: useId(), voice: useId() };
  const dictation = useDictation((text) => onTaskChange(task ? `${task} ${text}` : text), onError);

  return (
    <form
      className="card composer"
      aria-label={followUp ? 'Ask a follow-up' : 'Ask your cofounder'}
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSend();
      }}
    >
      <label className="composer-task">
        <span className="row spread">
          <span>Task</span>
          <span className={tooLong ? 'error' : 'muted'} data-testid="task-count">
            {task.length.toLocaleString('en')}/{MAX_TASK_CHARS.toLocaleString('en')}
          </span>
        </span>
        {/* No maxLength: a pasted task is never cut; one that is too long is refused, saying so. */}
        <textarea
          name="task"
          rows={3}
          dir="auto"
          value={task}
          onChange={(e) => onTaskChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              if (canSend) onSend();
            }
          }}
          aria-invalid={tooLong || undefined}
          aria-describedby={ids.help}
          placeholder={followUp ? 'Ask a follow-up; the earlier turns come along' : 'e.g. Draft a LinkedIn post announcing our new pricing'}
        />
      </label>
      <p id={ids.help} className={tooLong ? 'error field-error' : 'muted field-error'}>
        {tooLong
          ? `This task is ${(task.length - MAX_TASK_CHARS).toLocaleString('en')} characters over the ${MAX_TASK_CHARS.toLocaleString('en')}-character limit. Shorten it to send.`
          : 'Ctrl+Enter (⌘+Enter on a Mac) sends.'}
      </p>
      {templateChoices.length > 0 ? <TemplatePicker choices={templateChoices} selected={templates} onChange={onTemplatesChange} disabled={running} /> : null}
      <div className="row composer-controls">
        <label>
          Output
          <select name="outputType" value={outputType} onChange={(e) => onOutputTypeChange(e.target.value as OutputChoice)}>
            <option value="auto">Let the app choose</option>
            {OUTPUT_TYPES.map((type) => (
              <option key={type} value={type}>
                {OUTPUT_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          {voice === 'premium_required' ? (
            <button type="button" className="button secondary" disabled aria-describedby={ids.voice}>
              <Lock aria-hidden size={16} />
              Dictate
            </button>
          ) : dictation.recording ? (
            <button type="button" className="button danger" onClick={dictation.stop}>
              <span className="recording-dot" aria-hidden />
              Stop recording <span className="tabular">{minutesSeconds(dictation.seconds)}</span>
            </button>
          ) : (
            <button type="button" className="button secondary" onClick={() => void dictation.start()} disabled={running || dictation.transcribing}>
              <Mic aria-hidden size={16} />
              {dictation.transcribing ? 'Transcribing…' : 'Dictate'}
            </button>
          )}
          {/* One button that turns from Send into Stop and back, so focus stays on it; it is
              never natively disabled (that would drop focus to the page), only aria-disabled. */}
          <button
            type={running ? 'button' : 'submit'}
            className={running ? 'button danger' : 'button'}
            aria-disabled={(running ? !canStop || stopping : !canSend) || undefined}
            onClick={
              running
                ? (event) => {
                    event.preventDefault();
                    if (canStop && !stopping) onStop();
                  }
                : undefined
            }
          >
            {running ? <Square aria-hidden size={16} /> : <Send aria-hidden size={16} />}
            {running ? (stopping ? 'Stopping…' : 'Stop') : 'Send'}
          </button>
        </div>
      </div>
      {voice === 'premium_required' ? (
        <p className="muted small-print" data-testid="voice-premium">
          {/* The button's description is the sentence alone; the link is the way on. */}
          <span id={ids.voice}>Dictation is part of the Pro and Enterprise plans.</span> <Link href="/pricing">See plans</Link>
        </p>
      ) : (
        <p role="status" className="muted small-print">
          {dictation.recording ? 'Recording… press Stop recording when you are done.' : ''}
        </p>
      )}
      {error ? (
        <p role="alert" className="error" data-testid="chat-notice">
          {error.message}
          {error.upgrade ? (
            <>
              {' '}
              <Link href="/pricing" data-testid="chat-upgrade">
                Upgrade your plan
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}
