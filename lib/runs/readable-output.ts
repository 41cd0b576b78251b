import { Allow, parse } from 'partial-json';
import type { OutputType, RunOutputs } from '@/lib/zod/schemas/runs';

/**
 * Typed answers as people read them, complete or still streaming. A streamed answer is JSON cut
 * off anywhere, so it is read with a partial-JSON parser and every field the answer has not reached
 * yet reads as empty: the page shows each field as soon as it starts to arrive. Text that is not
 * JSON at all (a model that ignored the format) is shown as it is.
 */

export type ReadableOutput =
  | { type: 'content'; value: RunOutputs['content'] }
  | { type: 'agent_scaffold'; value: RunOutputs['agent_scaffold'] }
  | { type: 'workflow'; value: RunOutputs['workflow'] }
  | { type: 'code'; value: RunOutputs['code'] }
  | { type: 'insight'; value: RunOutputs['insight'] }
  | { type: 'text'; value: string };

type Loose = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).filter((item): item is string => typeof item === 'string');
const objects = (value: unknown): Loose[] =>
  list(value).filter((item): item is Loose => typeof item === 'object' && item !== null && !Array.isArray(item));

/** Any value shaped like (part of) an output of `type`, with every missing field empty. */
export function readOutput(type: OutputType, value: unknown): ReadableOutput {
  const o: Loose = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {};
  switch (type) {
    case 'content':
      return { type, value: { title: str(o.title), body: str(o.body) } };
    case 'agent_scaffold':
      return { type, value: { name: str(o.name), goal: str(o.goal), tools: strings(o.tools), steps: strings(o.steps) } };
    case 'workflow':
      return {
        type,
        value: { name: str(o.name), trigger: str(o.trigger), steps: objects(o.steps).map((step) => ({ name: str(step.name), action: str(step.action) })) },
      };
    case 'code':
      return {
        type,
        value: {
          language: str(o.language),
          files: objects(o.files).map((file) => ({ path: str(file.path), contents: str(file.contents) })),
          notes: str(o.notes),
        },
      };
    case 'insight':
      return { type, value: { headline: str(o.headline), findings: strings(o.findings), recommendation: str(o.recommendation) } };
  }
}

/** The answer so far: a typed output while it parses as (the start of) a JSON object, else the text itself. */
export function readPartialOutput(type: OutputType, text: string): ReadableOutput {
  const trimmed = text.trimStart();
  if (trimmed === '') return readOutput(type, {});
  if (!trimmed.startsWith('{')) return { type: 'text', value: text };
  try {
    return readOutput(type, parse(trimmed, Allow.ALL));
  } catch {
    return { type: 'text', value: text };
  }
}

/** What to show of an answer: its typed output once stored, otherwise the text that had arrived. */
export function readableAnswer(type: OutputType, output: unknown, text: string | null): ReadableOutput | null {
  if (output) return readOutput(type, output);
  if (text) return readPartialOutput(type, text);
  return null;
}

const fence = (contents: string, language = '') => {
  // A fence longer than any run of backticks inside, so code that contains ``` stays inside.
  const longest = Math.max(2, ...[...contents.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${contents}\n${ticks}`;
};

/**
 * The answer as Markdown: what Copy puts on the clipboard, and how an earlier turn is given to the
 * model as context in a follow-up. Empty fields are left out.
 */
export function outputToMarkdown(output: ReadableOutput): string {
  const parts: string[] = [];
  const add = (part: string | false) => {
    if (part) parts.push(part);
  };
  switch (output.type) {
    case 'text':
      return output.value.trim();
    case 'content':
      add(output.value.title && `# ${output.value.title}`);
      add(output.value.body.trim());
      break;
    case 'agent_scaffold':
      add(output.value.name && `# ${output.value.name}`);
      add(output.value.goal.trim());
      add(output.value.tools.length > 0 && `## Tools\n${output.value.tools.map((tool) => `- ${tool}`).join('\n')}`);
      add(output.value.steps.length > 0 && `## Steps\n${output.value.steps.map((step, i) => `${i + 1}. ${step}`).join('\n')}`);
      break;
    case 'workflow':
      add(output.value.name && `# ${output.value.name}`);
      add(output.value.trigger && `Trigger: ${output.value.trigger}`);
      add(
        output.value.steps.length > 0 &&
          output.value.steps.map((step, i) => `${i + 1}. ${step.name ? `**${step.name}**: ` : ''}${step.action}`).join('\n'),
      );
      break;
    case 'code':
      for (const file of output.value.files) {
        add(`## ${file.path || 'untitled'}\n${fence(file.contents, output.value.language)}`);
      }
      add(output.value.notes.trim());
      break;
    case 'insight':
      add(output.value.headline && `# ${output.value.headline}`);
      add(output.value.findings.length > 0 && output.value.findings.map((finding) => `- ${finding}`).join('\n'));
      add(output.value.recommendation && `Recommendation: ${output.value.recommendation}`);
      break;
  }
  return parts.join('\n\n');
}
