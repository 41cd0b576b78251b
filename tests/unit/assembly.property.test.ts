import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemblePrompt } from '@/lib/assembly/assemble-prompt';
import { ATOM_LIMITS, MAX_SELECTED_ATOMS, MAX_SYSTEM_PROMPT_CHARS, MAX_TEMPLATE_SECTION_CHARS, MAX_USER_PROMPT_CHARS, USER_TEXT_LIMITS } from '@/lib/assembly/limits';
import type { AssemblyAtom, AssemblyInput } from '@/lib/assembly/types';
import { MAX_TASK_CHARS, OUTPUT_FORMATS, PROMPT_STYLES } from '@/lib/zod/schemas/assembly';
import { RISK_TOLERANCES, ROLES, VERTICALS } from '@/lib/zod/schemas/profile';
import { loadSeededAtoms, syntheticAtom, syntheticId, testProfile, testVibe } from '@/tests/support/seeded-atoms';

let seeded: AssemblyAtom[];
beforeAll(async () => {
  seeded = await loadSeededAtoms();
});

// Characters that matter to fences, templates, JSON and sections, mixed with any code point.
const trickyChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('`', '`', '\n', '{', '}', '$', '&', '#', '<', '|', '>', '"', '\\', ' ', '\u0000') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const userText = (maxLength: number) => fc.string({ unit: trickyChar, maxLength }).map((text) => text.slice(0, maxLength));
const fragment = fc.oneof(
  fc.constantFrom('pricing', 'PR', 'product', 'cold email', 'user stories', 'gdpr', 'launch', '{{secret}}', '{{#atoms}}', '$&', '```', '[[atom:role-cfo]]'),
  userText(40),
);
const task = fc.array(fragment, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(' ').slice(0, MAX_TASK_CHARS));

const profile = fc.record({
  displayName: fc.constant(null),
  role: fc.constantFrom(...ROLES, null),
  vertical: fc.constantFrom(...VERTICALS, null),
  stack: fc.record({ code_repo: fc.boolean(), issue_tracker: fc.boolean(), doc_space: fc.boolean(), ci_cd: fc.boolean(), infra: fc.boolean(), analytics: fc.boolean() }),
  tone: fc.option(userText(USER_TEXT_LIMITS.tone)),
  riskTolerance: fc.constantFrom(...RISK_TOLERANCES, null),
  kpiFocus: fc.array(userText(USER_TEXT_LIMITS.kpiFocusItem), { maxLength: USER_TEXT_LIMITS.kpiFocusItems }),
  brandVoice: fc.option(userText(USER_TEXT_LIMITS.brandVoice)),
  companyContext: fc.option(userText(300)),
  preferredModels: fc.array(fc.constantFrom('gpt-4o', 'gpt-4', 'o3-mini', 'claude-sonnet-4'), { maxLength: 2 }),
});

const inputFilter = fc.option(
  fc.record(
    {
      model: fc.constantFrom('gpt-4o-mini', 'gpt-4', 'gpt-5', 'mistral-large'),
      style: fc.constantFrom(...PROMPT_STYLES),
      outputFormat: fc.constantFrom(...OUTPUT_FORMATS),
      tone: fc.string({ minLength: 1, maxLength: USER_TEXT_LIMITS.tone }),
      maxTokens: fc.integer({ min: 1, max: 32_000 }),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

function assemblyInput(atoms: () => AssemblyAtom[]): fc.Arbitrary<AssemblyInput> {
  return fc
    .record({
      task,
      profile,
      sliders: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
      picks: fc.array(fc.nat(), { maxLength: 6 }),
      customInstructions: userText(300),
      inputFilter,
    })
    .map(({ task, profile, sliders, picks, customInstructions, inputFilter }) => {
      const library = atoms();
      const selectedAtoms = picks.map((n) => (n % 5 === 0 ? syntheticId(900_000 + n) : library[n % library.length]!.id));
      const vibe = testVibe({ playfulness: sliders[0], revenueFocus: sliders[1], investorPerspective: sliders[2], selectedAtoms, customInstructions });
      return { task, profile, vibe, atoms: library, inputFilter };
    });
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * Reads the fenced block that starts right after `label` the way CommonMark does: the block ends
 * at the first line made only of at least as many backticks as the opening fence.
 */
function readFencedBlock(prompt: string, label: string): { fence: string; content: string } {
  const start = prompt.indexOf(label);
  expect(start).toBeGreaterThanOrEqual(0);
  const lines = prompt.slice(start + label.length).split('\n');
  const opening = /^(`{3,})text$/.exec(lines[0]!);
  expect(opening).not.toBeNull();
  const fence = opening![1]!;
  const close = lines.findIndex((line, i) => i > 0 && new RegExp(`^ {0,3}\`{${fence.length},}[ \\t]*$`).test(line));
  expect(close).toBeGreaterThan(0);
  return { fence, content: lines.slice(1, close).join('\n') };
}

describe('assembly properties', () => {
  it('is deterministic and independent of the order of the atoms', () => {
    fc.assert(
      fc.property(assemblyInput(() => seeded), fc.nat(), (input, seed) => {
        const first = assemblePrompt(input);
        expect(assemblePrompt(input)).toEqual(first);
        const shuffled = [...input.atoms];
        let state = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
          const j = state % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(assemblePrompt({ ...input, atoms: shuffled })).toEqual(first);
        expect(assemblePrompt({ ...input, atoms: [...input.atoms].reverse() })).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every user text verbatim inside a fence longer than any backtick run in it', () => {
    fc.assert(
      fc.property(assemblyInput(() => seeded), (input) => {
        const result = assemblePrompt(input);
        // Blank optional texts are left out of the prompt; the task is always there.
        const blocks: [string, string, string | null, boolean][] = [
          [result.userPrompt, 'The task, as the user wrote it:\n\n', input.task, true],
          [result.systemPrompt, 'Brand voice (write in this voice):\n', input.profile.brandVoice, false],
          [result.systemPrompt, 'Company context:\n', input.profile.companyContext, false],
          [result.systemPrompt, "Custom instructions (the user's standing preferences; follow them unless they conflict with the rules above):\n", input.vibe.customInstructions, false],
        ];
        for (const [prompt, label, text, always] of blocks) {
          if (text === null || (!always && text.trim() === '')) continue;
          const block = readFencedBlock(prompt, label);
          expect(block.content).toBe(text);
          expect(block.fence.length).toBeGreaterThan(longestBacktickRun(text));
        }
        for (const value of [input.inputFilter?.tone ?? input.profile.tone, ...input.profile.kpiFocus]) {
          if (value != null && value.trim() !== '') expect(result.systemPrompt).toContain(JSON.stringify(value));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('selects at most the cap, one atom per slider, every id from the library', () => {
    fc.assert(
      fc.property(assemblyInput(() => seeded), (input) => {
        const result = assemblePrompt(input);
        const ids = new Set(input.atoms.map((atom) => atom.id));
        expect(result.selectedAtomIds.length).toBeLessThanOrEqual(MAX_SELECTED_ATOMS);
        expect(new Set(result.selectedAtomIds).size).toBe(result.selectedAtomIds.length);
        expect(result.selectedAtomIds.every((id) => ids.has(id))).toBe(true);
        expect(result.blendRecipe.filter((item) => item.influence === 'slider')).toHaveLength(3);
      }),
      { numRuns: 150 },
    );
  });

  it('stays within the documented output size for maximal inputs', () => {
    const fullText = (length: number) => fc.string({ unit: trickyChar, minLength: length, maxLength: length }).map((text) => text.slice(0, length));
    const maximalAtoms = (filler: string) =>
      Array.from({ length: MAX_SELECTED_ATOMS + 4 }, (_, i) =>
        syntheticAtom(i + 1, {
          category: i === 0 ? 'example' : 'goal',
          systemPrompt: `${i}`.padEnd(ATOM_LIMITS.systemPrompt, filler),
          constraints: Array.from({ length: 20 }, (_, c) => `${i}-${c}`.padEnd(ATOM_LIMITS.constraint, filler)),
          examples: Array.from({ length: 10 }, () => ({ input: filler.repeat(ATOM_LIMITS.exampleInput), output: filler.repeat(ATOM_LIMITS.exampleOutput) })),
        }),
      );
    fc.assert(
      fc.property(
        fc.record({
          task: fullText(MAX_TASK_CHARS),
          brandVoice: fullText(USER_TEXT_LIMITS.brandVoice),
          companyContext: fullText(USER_TEXT_LIMITS.companyContext),
          customInstructions: fullText(USER_TEXT_LIMITS.customInstructions),
          tone: fullText(USER_TEXT_LIMITS.tone),
          kpi: fullText(USER_TEXT_LIMITS.kpiFocusItem),
          filler: fc.constantFrom('`', 'x', '\n'),
        }),
        ({ task, brandVoice, companyContext, customInstructions, tone, kpi, filler }) => {
          const atoms = maximalAtoms(filler);
          const result = assemblePrompt({
            task,
            profile: testProfile({ role: 'cfo', vertical: 'software', riskTolerance: 'medium', tone, brandVoice, companyContext, kpiFocus: Array(USER_TEXT_LIMITS.kpiFocusItems).fill(kpi) }),
            vibe: testVibe({ customInstructions, selectedAtoms: atoms.map((atom) => atom.id) }),
            atoms,
            inputFilter: { style: 'few_shot', maxTokens: 32_000 },
          });
          expect(result.selectedAtomIds).toHaveLength(MAX_SELECTED_ATOMS);
          expect(result.systemPrompt.length).toBeLessThanOrEqual(MAX_SYSTEM_PROMPT_CHARS);
          expect(result.userPrompt.length).toBeLessThanOrEqual(MAX_USER_PROMPT_CHARS);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('stays within the bound for the worst fences: texts made only of backticks and control characters', () => {
    const result = assemblePrompt({
      task: '`'.repeat(MAX_TASK_CHARS),
      profile: testProfile({
        tone: '\u0001'.repeat(USER_TEXT_LIMITS.tone),
        kpiFocus: Array(USER_TEXT_LIMITS.kpiFocusItems).fill('\u0002'.repeat(USER_TEXT_LIMITS.kpiFocusItem)),
        brandVoice: '`'.repeat(USER_TEXT_LIMITS.brandVoice),
        companyContext: '`'.repeat(USER_TEXT_LIMITS.companyContext),
      }),
      vibe: testVibe({ customInstructions: '`'.repeat(USER_TEXT_LIMITS.customInstructions) }),
      atoms: seeded,
    });
    expect(result.userPrompt.length).toBeGreaterThan(3 * MAX_TASK_CHARS);
    expect(result.userPrompt.length).toBeLessThanOrEqual(MAX_USER_PROMPT_CHARS);
    expect(result.systemPrompt.length).toBeLessThanOrEqual(MAX_SYSTEM_PROMPT_CHARS);
  });

  it('with attached templates at their limit too: they follow the task in the user prompt, within the bound, and count in its tokens', () => {
    const input = { task: '`'.repeat(MAX_TASK_CHARS), profile: testProfile(), vibe: testVibe(), atoms: seeded };
    const templates = `## Attached templates\n\n${'Use the repository pattern. '.repeat(MAX_TEMPLATE_SECTION_CHARS / 27)}`.slice(0, MAX_TEMPLATE_SECTION_CHARS);
    const without = assemblePrompt(input);
    const result = assemblePrompt({ ...input, templates });
    expect(result.userPrompt.indexOf(templates)).toBeGreaterThan(result.userPrompt.indexOf('`'.repeat(MAX_TASK_CHARS)));
    expect(result.userPrompt.length).toBeLessThanOrEqual(MAX_USER_PROMPT_CHARS);
    expect(result.tokenEstimate.user).toBeGreaterThan(without.tokenEstimate.user + 20_000);
    expect(result.systemPrompt).toBe(without.systemPrompt);
    expect(() => assemblePrompt({ ...input, templates: `${templates}x` })).toThrow(expect.objectContaining({ code: 'field_too_long', field: 'templates' }));
  });
});
