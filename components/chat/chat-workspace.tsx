'use client';

import './chat.css';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import type { VoiceAccess } from '@/components/chat/composer';
import type { TemplateChoice } from '@/components/chat/template-picker';
import { ThreadSidebar } from '@/components/chat/thread-sidebar';
import { ThreadView } from '@/components/chat/thread-view';
import type { Run } from '@/lib/zod/schemas/runs';
import type { Thread, ThreadList } from '@/lib/zod/schemas/threads';

interface ChatWorkspaceProps {
  list: ThreadList;
  /** The conversation the address names; null for a new one, 'missing' for one that does not exist. */
  current: { thread: Thread; runs: Run[] } | null | 'missing';
  initialTask: string;
  templateChoices: TemplateChoice[];
  initialTemplates: string[];
  voice: VoiceAccess;
  offline: boolean;
}

/** /chat: the conversations beside the one being read. */
export function ChatWorkspace({ list, current, initialTask, templateChoices, initialTemplates, voice, offline }: ChatWorkspaceProps) {
  const router = useRouter();
  const [threads, setThreads] = useState(list.threads);
  const shownId = current && current !== 'missing' ? current.thread.id : null;
  const [currentId, setCurrentId] = useState<string | null>(shownId);
  // A conversation begun here names itself in the address without a navigation (replaceState),
  // so the page must notice when the address moves on: to /chat (a new conversation; the router
  // may hand back this same page from its cache) or, by Back/Forward, to another conversation.
  const urlThread = useSearchParams().get('thread');
  const [seenUrlThread, setSeenUrlThread] = useState(urlThread);
  const [fresh, setFresh] = useState(0);
  if (urlThread !== seenUrlThread) {
    setSeenUrlThread(urlThread);
    if (urlThread === null && currentId !== null) {
      setCurrentId(null);
      setFresh((n) => n + 1);
    }
  }
  // (An address naming no conversation of yours shows "not found"; refreshing would not change that.)
  const stale = current !== 'missing' && urlThread !== null && urlThread !== currentId && urlThread !== shownId;
  useEffect(() => {
    if (stale) router.refresh();
  }, [stale, router]);

  const onThreadStarted = useCallback((thread: Thread) => {
    setThreads((all) => [thread, ...all.filter((t) => t.id !== thread.id)]);
    setCurrentId(thread.id);
    // The address names the conversation, so a reload or a shared link comes back to it.
    window.history.replaceState(null, '', `/chat?thread=${thread.id}`);
  }, []);

  const onThreadActivity = useCallback((threadId: string, running: boolean) => {
    setThreads((all) => {
      const found = all.find((t) => t.id === threadId);
      if (!found) return all;
      const updated = { ...found, running, updatedAt: new Date().toISOString(), runCount: found.runCount + (running ? 1 : 0) };
      return [updated, ...all.filter((t) => t.id !== threadId)];
    });
  }, []);

  return (
    <div className="chat-layout">
      <ThreadSidebar
        threads={threads}
        nextCursor={list.nextCursor}
        currentId={currentId}
        onThreadsChange={setThreads}
        onDeleted={(id) => {
          if (id === currentId) router.push('/chat');
        }}
      />
      {current === 'missing' ? (
        <section className="card thread-missing">
          <h1>Conversation not found</h1>
          <p className="muted">It may have been deleted, or it belongs to another account.</p>
          <Link href="/chat" className="button">
            Start a new conversation
          </Link>
        </section>
      ) : (
        <ThreadView
          key={fresh > 0 ? `new-${fresh}` : (current?.thread.id ?? 'new')}
          thread={fresh > 0 ? null : (current?.thread ?? null)}
          runs={fresh > 0 ? [] : (current?.runs ?? [])}
          initialTask={initialTask}
          templateChoices={templateChoices}
          initialTemplates={fresh > 0 ? [] : initialTemplates}
          voice={voice}
          offline={offline}
          onThreadStarted={onThreadStarted}
          onThreadActivity={onThreadActivity}
        />
      )}
    </div>
  );
}
