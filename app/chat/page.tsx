import { randomUUID } from 'node:crypto';
import { ChatWorkspace } from '@/components/chat/chat-workspace';
import type { TemplateChoice } from '@/components/chat/template-picker';
import { ApiError } from '@/lib/api/errors';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { serverEnv } from '@/lib/env';
import { getThread } from '@/lib/threads/get-thread';
import { listThreads } from '@/lib/threads/list-threads';
import { getMetricLimit } from '@/lib/usage/get-metric-limit';
import { cachedCatalog } from '@/lib/templates/cached-catalog';
import { MILESTONE_NAMES } from '@/lib/templates/catalog-schema';
import { MAX_TASK_CHARS } from '@/lib/zod/schemas/assembly';
import { MAX_TEMPLATES_PER_PROMPT } from '@/lib/zod/schemas/template-prompts';

export const metadata = { title: 'Ask · Venture Companion' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * /chat?thread=<id> shows that conversation (a reload shows everything, including a run still
 * going); /chat starts a new one; ?task= fills the box (the onboarding's suggested prompts).
 */
export default async function ChatPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const threadParam = typeof params.thread === 'string' ? params.thread : null;
  const threadId = threadParam && UUID.test(threadParam) ? threadParam.toLowerCase() : null;
  const claims = await requireClaims(threadId ? `/chat?thread=${threadId}` : '/chat');
  const userId = claims.sub;

  const [list, current, voiceLimit, customized] = await withUserTransaction(claims, (tx) =>
    Promise.all([
      listThreads(tx, { userId, query: { limit: 30 } }),
      threadId
        ? getThread(tx, { userId, threadId }).catch((error: unknown) => {
            if (error instanceof ApiError && error.code === 'not_found') return 'missing' as const;
            throw error;
          })
        : Promise.resolve(threadParam ? ('missing' as const) : null),
      getMetricLimit(tx, { userId, metricType: 'voice_seconds' }),
      tx<{ template_id: string }[]>`select template_id from public.user_template_customizations where user_id = ${userId} and enabled`,
    ]),
  );
  // The catalog for the composer's template picker; ?templates=a,b (a template page's "Use in a task") attaches those.
  const catalog = cachedCatalog();
  const customizedIds = new Set(customized.map((row) => row.template_id));
  const templateChoices: TemplateChoice[] = catalog.list.map((template) => ({
    id: template.id,
    name: template.name,
    milestone: template.milestone,
    milestoneName: MILESTONE_NAMES.get(template.milestone) ?? template.milestone,
    customized: customizedIds.has(template.id),
  }));
  const initialTemplates = (typeof params.templates === 'string' ? params.templates.split(',') : [])
    .filter((id, index, all) => catalog.byId.has(id) && all.indexOf(id) === index)
    .slice(0, MAX_TEMPLATES_PER_PROMPT);
  const task = typeof params.task === 'string' ? params.task.slice(0, MAX_TASK_CHARS * 2) : '';
  // A plan without voice seconds (free) is told so before anyone records; the API enforces it.
  const voice = voiceLimit === 0 ? 'premium_required' : 'available';

  return (
    // Each visit starts fresh: /chat after a conversation begun on this page is a new one again,
    // although the component would otherwise keep its state across the navigation.
    <ChatWorkspace
      key={current && current !== 'missing' ? current.thread.id : randomUUID()}
      list={list}
      current={current}
      initialTask={task}
      templateChoices={templateChoices}
      initialTemplates={initialTemplates}
      voice={voice}
      offline={!serverEnv().OPENAI_API_KEY}
    />
  );
}
