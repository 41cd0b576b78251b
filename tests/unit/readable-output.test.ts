import { describe, expect, it } from 'vitest';
import { outputToMarkdown, readOutput, readPartialOutput } from '@/lib/runs/readable-output';
import { OUTPUT_TYPES, type OutputType, type RunOutputs } from '@/lib/zod/schemas/runs';

const FULL: RunOutputs = {
  content: { title: 'New pricing is live', body: 'Big news: **two** plans.\n\n- Free\n- Pro' },
  agent_scaffold: { name: 'Churn watcher', goal: 'Flag accounts at risk', tools: ['crm', 'email'], steps: ['Read usage', 'Score risk'] },
  workflow: { name: 'Onboarding', trigger: 'Sign-up', steps: [{ name: 'Welcome', action: 'Send the welcome email' }, { name: 'Nudge', action: 'Remind on day 3' }] },
  code: { language: 'ts', files: [{ path: 'src/a.ts', contents: 'export const a = "```";' }], notes: 'No deps.' },
  insight: { headline: 'Retention dips in week 2', findings: ['Activation is slow', 'Emails go unread'], recommendation: 'Shorten onboarding.' },
};

/** Every string of `partial` starts the matching string of `full`; lists are never longer. */
function startsLike(partial: unknown, full: unknown): boolean {
  if (typeof partial === 'string') return typeof full === 'string' && full.startsWith(partial);
  if (Array.isArray(partial)) return Array.isArray(full) && partial.length <= full.length && partial.every((item, i) => startsLike(item, full[i]));
  if (typeof partial === 'object' && partial !== null) {
    return Object.entries(partial).every(([key, value]) => startsLike(value, (full as Record<string, unknown>)[key]) || value === '' || (Array.isArray(value) && value.length === 0));
  }
  return false;
}

describe('readPartialOutput: every prefix of every output type reads as the start of that output', () => {
  it.each(OUTPUT_TYPES)('%s', (type: OutputType) => {
    const json = JSON.stringify(FULL[type]);
    for (let end = 0; end <= json.length; end++) {
      const read = readPartialOutput(type, json.slice(0, end));
      // Never raw JSON on screen: always the typed shape, every field present.
      expect(read.type).toBe(type);
      expect(Object.keys(read.value as object).sort()).toEqual(Object.keys(FULL[type]).sort());
      // Everything shown is the beginning of what the finished answer will say.
      expect(startsLike(read.value, FULL[type]), `prefix ${end}: ${JSON.stringify(read.value)}`).toBe(true);
    }
    expect(readPartialOutput(type, json)).toEqual({ type, value: FULL[type] });
  });

  it('a field shows as soon as its text starts, before its closing quote', () => {
    expect(readPartialOutput('content', '{"title":"New pricing is live","body":"Big ne')).toEqual({
      type: 'content',
      value: { title: 'New pricing is live', body: 'Big ne' },
    });
    expect(readPartialOutput('workflow', '{"name":"Onb","steps":[{"name":"Welcome","act')).toEqual({
      type: 'workflow',
      value: { name: 'Onb', trigger: '', steps: [{ name: 'Welcome', action: '' }] },
    });
  });

  it('text that is not JSON is shown as text; empty text as an empty output', () => {
    expect(readPartialOutput('content', 'Sure! Here is')).toEqual({ type: 'text', value: 'Sure! Here is' });
    expect(readPartialOutput('insight', '')).toEqual({ type: 'insight', value: { headline: '', findings: [], recommendation: '' } });
  });

  it('values of the wrong type read as empty rather than as "[object Object]"', () => {
    expect(readOutput('agent_scaffold', { name: 3, goal: { x: 1 }, tools: ['a', 2, null], steps: 'x' })).toEqual({
      type: 'agent_scaffold',
      value: { name: '', goal: '', tools: ['a'], steps: [] },
    });
  });
});

describe('outputToMarkdown', () => {
  it('renders each output type as a person would paste it', () => {
    expect(outputToMarkdown(readOutput('content', FULL.content))).toBe('# New pricing is live\n\nBig news: **two** plans.\n\n- Free\n- Pro');
    expect(outputToMarkdown(readOutput('agent_scaffold', FULL.agent_scaffold))).toBe(
      '# Churn watcher\n\nFlag accounts at risk\n\n## Tools\n- crm\n- email\n\n## Steps\n1. Read usage\n2. Score risk',
    );
    expect(outputToMarkdown(readOutput('workflow', FULL.workflow))).toBe(
      '# Onboarding\n\nTrigger: Sign-up\n\n1. **Welcome**: Send the welcome email\n2. **Nudge**: Remind on day 3',
    );
    // The fence is longer than the backticks inside the code, so the block cannot end early.
    expect(outputToMarkdown(readOutput('code', FULL.code))).toBe('## src/a.ts\n````ts\nexport const a = "```";\n````\n\nNo deps.');
    expect(outputToMarkdown(readOutput('insight', FULL.insight))).toBe(
      '# Retention dips in week 2\n\n- Activation is slow\n- Emails go unread\n\nRecommendation: Shorten onboarding.',
    );
  });

  it('leaves out empty fields', () => {
    expect(outputToMarkdown(readOutput('insight', { headline: 'Only this' }))).toBe('# Only this');
    expect(outputToMarkdown(readOutput('content', {}))).toBe('');
  });
});
