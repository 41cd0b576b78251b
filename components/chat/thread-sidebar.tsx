'use client';

import { MessageSquare, MessagesSquare, Pencil, Plus, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';
import { MAX_THREAD_TITLE_CHARS, type Thread, type ThreadList } from '@/lib/zod/schemas/threads';

const SEARCH_DEBOUNCE_MS = 250;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
function ago(iso: string): string {
  const minutes = Math.round((new Date(iso).getTime() - Date.now()) / 60_000);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

interface ThreadSidebarProps {
  threads: Thread[];
  nextCursor: string | null;
  currentId: string | null;
  onThreadsChange: (change: (threads: Thread[]) => Thread[]) => void;
  onDeleted: (threadId: string) => void;
}

function ThreadItem({ thread, current, onRenamed, onDeleted }: { thread: Thread; current: boolean; onRenamed: (thread: Thread) => void; onDeleted: () => void }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm'>('view');
  const [title, setTitle] = useState(thread.title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);
  const errorId = useId();

  useEffect(() => {
    if (mode === 'rename') input.current?.select();
  }, [mode]);

  async function rename() {
    setBusy(true);
    try {
      onRenamed(await apiFetch<Thread>(`/api/threads/${thread.id}`, { method: 'PATCH', body: { title } }));
      setMode('view');
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await apiFetch(`/api/threads/${thread.id}`, { method: 'DELETE' });
      onDeleted();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  if (mode === 'rename') {
    return (
      <li className="thread-item editing">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void rename();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setMode('view');
              setTitle(thread.title);
            }
          }}
        >
          <label className="sr-only" htmlFor={`title-${thread.id}`}>
            New name for {thread.title}
          </label>
          <input
            id={`title-${thread.id}`}
            ref={input}
            value={title}
            maxLength={MAX_THREAD_TITLE_CHARS + 50}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          <div className="actions tight">
            <button type="submit" className="button small" disabled={busy}>
              Save
            </button>
            <button type="button" className="button secondary small" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
          {error ? (
            <p id={errorId} className="error small-print">
              {error}
            </p>
          ) : null}
        </form>
      </li>
    );
  }

  return (
    <li className={current ? 'thread-item current' : 'thread-item'} data-testid="thread-item">
      <Link href={`/chat?thread=${thread.id}`} aria-current={current ? 'page' : undefined} className="thread-link">
        <MessageSquare aria-hidden size={16} />
        <span className="thread-title" dir="auto">
          {thread.title}
        </span>
        <span className="muted small-print">
          {thread.running ? <span className="live-dot" aria-label="answering" /> : null}
          {thread.runCount} {thread.runCount === 1 ? 'turn' : 'turns'} · {ago(thread.updatedAt)}
        </span>
      </Link>
      {mode === 'confirm' ? (
        <div className="confirm" role="group" aria-label={`Delete ${thread.title}?`}>
          <p className="small-print">Delete this conversation and its {thread.runCount === 1 ? 'answer' : `${thread.runCount} answers`}?</p>
          <div className="actions tight">
            <button type="button" className="button danger small" disabled={busy} onClick={() => void remove()}>
              Delete
            </button>
            <button type="button" className="button secondary small" onClick={() => setMode('view')} autoFocus>
              Keep
            </button>
          </div>
          {error ? (
            <p role="alert" className="error small-print">
              {error}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="thread-tools">
          <button type="button" className="icon-button" aria-label={`Rename ${thread.title}`} title="Rename" onClick={() => setMode('rename')}>
            <Pencil aria-hidden size={15} />
          </button>
          <button type="button" className="icon-button" aria-label={`Delete ${thread.title}`} title="Delete" onClick={() => setMode('confirm')}>
            <Trash2 aria-hidden size={15} />
          </button>
        </div>
      )}
    </li>
  );
}

/** The conversations: search, rename, delete, more; folded behind a button on phones. */
export function ThreadSidebar({ threads, nextCursor, currentId, onThreadsChange, onDeleted }: ThreadSidebarProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ThreadList | null>(null);
  const [cursor, setCursor] = useState(nextCursor);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const listId = useId();

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      apiFetch<ThreadList>(`/api/threads?q=${encodeURIComponent(q)}`, { signal: abort.signal }).then(
        (found) => {
          setResults(found);
          setError(null);
        },
        (caught: unknown) => {
          if (!abort.signal.aborted) setError(errorMessage(caught));
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [query]);

  async function more() {
    if (!cursor) return;
    try {
      const page = await apiFetch<ThreadList>(`/api/threads?cursor=${cursor}`);
      onThreadsChange((current) => [...current, ...page.threads.filter((t) => !current.some((c) => c.id === t.id))]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  // Results of an earlier search are ignored once the box is empty again.
  const searching = query.trim() !== '' && results !== null;
  const shown = searching ? results.threads : threads;
  const replace = (updated: Thread) => {
    onThreadsChange((current) => current.map((t) => (t.id === updated.id ? updated : t)));
    setResults((found) => (found ? { ...found, threads: found.threads.map((t) => (t.id === updated.id ? updated : t)) } : found));
  };
  const drop = (id: string) => {
    onThreadsChange((current) => current.filter((t) => t.id !== id));
    setResults((found) => (found ? { ...found, threads: found.threads.filter((t) => t.id !== id) } : found));
    onDeleted(id);
  };

  return (
    <aside className="thread-sidebar" aria-label="Conversations">
      <div className="row spread sidebar-head">
        <button type="button" className="button secondary small sidebar-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
          <MessagesSquare aria-hidden size={16} />
          Conversations ({threads.length}
          {cursor ? '+' : ''})
        </button>
        <h2 className="sidebar-title">Conversations</h2>
        <Link href="/chat" className="button small">
          <Plus aria-hidden size={16} />
          New
        </Link>
      </div>
      <div id={listId} className={open ? 'sidebar-body open' : 'sidebar-body'}>
        <label className="sr-only" htmlFor={`${listId}-search`}>
          Search conversations
        </label>
        <input
          id={`${listId}-search`}
          type="search"
          placeholder="Search conversations"
          value={query}
          maxLength={200}
          onChange={(e) => setQuery(e.target.value)}
        />
        {error ? (
          <p role="alert" className="error small-print">
            {error}
          </p>
        ) : null}
        {shown.length === 0 ? (
          <p className="muted small-print" role="status">
            {searching ? 'No conversation matches.' : 'No conversations yet. Ask something to start one.'}
          </p>
        ) : (
          <ul className="thread-list">
            {shown.map((thread) => (
              <ThreadItem key={thread.id} thread={thread} current={thread.id === currentId} onRenamed={replace} onDeleted={() => drop(thread.id)} />
            ))}
          </ul>
        )}
        {!searching && cursor ? (
          <button type="button" className="button secondary small" onClick={() => void more()}>
            Show older conversations
          </button>
        ) : null}
      </div>
    </aside>
  );
}
