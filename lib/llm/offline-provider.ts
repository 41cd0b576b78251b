import type { CompletionEvent, CompletionRequest, LlmProvider } from '@/lib/llm/provider';
import type { OutputType, RunOutputs } from '@/lib/zod/schemas/runs';

/**
 * The provider used when no OPENAI_API_KEY is configured, so the whole loop (streaming, stored
 * runs, usage, feedback) works on a fresh machine. It calls no model: its answer restates the task
 * in the requested shape and says plainly that it is offline. Deterministic: the same task gives
 * the same answer, streamed at a steady pace (at least four chunks of at most 64 characters). Usage counts words, not tokens (there is no model
 * whose tokenizer would apply), and costs nothing.
 */

const NOTICE = 'Offline answer: no language model is configured on this server (set OPENAI_API_KEY), so this restates the task.';
/** At least this many chunks, each at most CHUNK_CHARS long: a longer answer streams for longer, as a model's would. */
const MIN_CHUNKS = 4;
const CHUNK_CHARS = 64;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The first sentence or line of the task, as a short title. */
function headline(task: string, max: number): string {
  const first = task.split(/(?<=[.!?])\s|\n/)[0]?.trim() || task.trim();
  return clip(first, max);
}

/** Sentences or lines of the task, as list items. */
function parts(task: string, maxItems: number, maxChars: number): string[] {
  const items = task
    .split(/(?<=[.!?])\s+|\n+/)
    .map((part) => part.trim())
    .filter(Boolean);
  return (items.length > 0 ? items : [task.trim()]).slice(0, maxItems).map((item) => clip(item, maxChars));
}

function answer(outputType: OutputType, task: string): RunOutputs[OutputType] {
  switch (outputType) {
    case 'content':
      return { title: headline(task, 200), body: clip(`${NOTICE}\n\n${task.trim()}`, 20_000) } satisfies RunOutputs['content'];
    case 'agent_scaffold':
      return {
        name: headline(task, 100),
        goal: clip(task.trim(), 1000),
        tools: [],
        steps: [NOTICE, ...parts(task, 29, 1000)],
      } satisfies RunOutputs['agent_scaffold'];
    case 'workflow':
      return {
        name: headline(task, 100),
        trigger: 'Started by hand',
        steps: parts(task, 30, 1000).map((action, index) => ({ name: `Step ${index + 1}`, action })),
      } satisfies RunOutputs['workflow'];
    case 'code':
      return { language: 'text', files: [], notes: clip(`${NOTICE}\n\n${task.trim()}`, 4000) } satisfies RunOutputs['code'];
    case 'insight':
      return {
        headline: headline(task, 300),
        findings: parts(task, 20, 1000),
        recommendation: NOTICE,
      } satisfies RunOutputs['insight'];
  }
}

/** `delayMs` pauses between chunks (OFFLINE_STREAM_DELAY_MS); 0 only yields to the event loop. */
export function createOfflineProvider({ delayMs = 0 }: { delayMs?: number } = {}): LlmProvider {
  return {
    name: 'offline',
    async *streamCompletion(request: CompletionRequest): AsyncIterable<CompletionEvent> {
      const text = JSON.stringify(answer(request.outputType, request.task));
      // Split by code point, so no chunk ends in half a surrogate pair.
      const characters = Array.from(text);
      const size = Math.max(1, Math.min(CHUNK_CHARS, Math.ceil(characters.length / MIN_CHUNKS)));
      for (let start = 0; start < characters.length; start += size) {
        // Yield to the event loop between chunks, as a network stream would.
        await new Promise((resolve) => (delayMs > 0 ? setTimeout(resolve, delayMs) : setImmediate(resolve)));
        yield { type: 'delta', delta: characters.slice(start, start + size).join('') };
      }
      const usage = { input: words(request.system) + words(request.user), cached: 0, output: words(text) };
      yield { type: 'final', text, usage, finishReason: 'stop', refusal: null };
    },
  };
}

export const offlineProvider = createOfflineProvider();
