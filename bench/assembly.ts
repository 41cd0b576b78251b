import Mustache from 'mustache';
import { assemblePrompt } from '@/lib/assembly/assemble-prompt';
import { renderSystemPrompt, renderUserPrompt } from '@/lib/assembly/render-prompt';
import { selectAtoms, type SelectedAtom } from '@/lib/assembly/select-atoms';
import { countTokens, encodingForModel } from '@/lib/assembly/token-count';
import type { AssemblyAtom, AssemblyInput } from '@/lib/assembly/types';
import { ATOM_CATEGORIES } from '@/lib/zod/schemas/atoms';
import { ROLES, STACK_FLAGS, VERTICALS } from '@/lib/zod/schemas/profile';
import { loadSeededAtoms, syntheticAtom, testProfile, testVibe } from '@/tests/support/seeded-atoms';
import { printTable, summarize } from './support';

/**
 * npx tsx bench/assembly.ts — prompt assembly latency, in process, single-threaded.
 *
 * Rows: the full engine (selection, rendering, token counting) on the seeded library and on the
 * seeded library plus 1,000 synthetic atoms, first with the same atoms array on every call (the
 * engine memoises its index per array) and then with a new array per call, as when a route loads
 * the atoms for each request; selection, rendering and token counting alone (seeded library); and
 * a baseline that renders the same selected atoms with a Mustache template (selection done
 * beforehand, no token count). Ratios compare a row's p50 with the baseline's.
 *
 * Each row cycles through 24 varied inputs (roles, verticals, stacks, sliders, styles, models,
 * tasks of 60 to 2,000 characters), each task made unique by a counter so the tokenizer's cache
 * sees new text. Latency per call from process.hrtime.bigint, after a warm-up.
 *
 * BENCH_ITERATIONS (default 20000), BENCH_WARMUP (default 2000).
 */

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2_000);
const TARGET_P95_MS = 1;

const TASKS = [
  'Draft a pricing page for our analytics add-on with three tiers.',
  'Write a cold email to the head of operations at a logistics company about our scheduling tool.',
  'Plan the MVP for a referral feature and list the riskiest assumptions.',
  'Review this pull request description and suggest how to split the PR into smaller pieces.',
  'Prepare our monthly investor update: MRR grew 12%, churn fell to 2.1%, runway is 19 months.',
  'We have a GDPR question about data retention for deleted accounts. What do we need to change?',
  'Write user stories with acceptance criteria for exporting reports as CSV.',
  'Our CI pipeline is flaky and deploys take 40 minutes. Propose a plan to fix it this week.',
  'Create a launch plan for Product Hunt next Tuesday, including the landing page headline and a LinkedIn post.',
  'Estimate CAC, LTV and payback for our self-serve plan given $40k monthly ad spend and 350 signups.',
  'Summarise the risks of moving our infrastructure from a single server to Kubernetes on AWS.',
  'Outline a blog post about what we learned from our first 100 customers.',
];
const LONG_TASK = `${TASKS.join(' ')} Context: ${'We sell workflow software to mid-size agencies and want to grow revenue without hurting retention. '.repeat(12)}`;

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function inputs(atoms: AssemblyAtom[]): AssemblyInput[] {
  const random = lcg(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: 24 }, (_, i) => ({
    task: i === 23 ? LONG_TASK : TASKS[i % TASKS.length]!,
    profile: testProfile({
      role: pick(ROLES),
      vertical: pick(VERTICALS),
      stack: Object.fromEntries(STACK_FLAGS.map((flag) => [flag, random() < 0.4])) as AssemblyInput['profile']['stack'],
      tone: 'direct',
      riskTolerance: pick(['low', 'medium', 'high'] as const),
      kpiFocus: ['MRR', 'activation'],
      brandVoice: 'Plain words, short sentences, no hype.',
      companyContext: 'A 12-person B2B SaaS company selling scheduling software to logistics teams in Europe.',
    }),
    vibe: testVibe({
      playfulness: Math.floor(random() * 101),
      revenueFocus: Math.floor(random() * 101),
      investorPerspective: Math.floor(random() * 101),
      customInstructions: 'Use British spelling and metric units.',
    }),
    atoms,
    inputFilter: { model: i % 4 === 3 ? 'gpt-4' : 'gpt-4o-mini', style: pick(['concise', 'detailed', 'step_by_step', 'few_shot', 'bullet_points'] as const) },
  }));
}

/** 1,000 atoms with every category, 1–6 keywords from a 400-word vocabulary, some aimed at roles or verticals. */
function syntheticLibrary(): AssemblyAtom[] {
  const random = lcg(7);
  const vocabulary = Array.from({ length: 400 }, (_, i) => `term${i}`).concat(['pricing', 'launch', 'email', 'risk', 'churn', 'runway', 'pipeline', 'deploy']);
  const categories = ATOM_CATEGORIES.filter((category) => category !== 'tone');
  return Array.from({ length: 1000 }, (_, i) => {
    const keywords = Array.from({ length: 1 + Math.floor(random() * 6) }, () => vocabulary[Math.floor(random() * vocabulary.length)]!);
    if (random() < 0.05) keywords.push(STACK_FLAGS[i % STACK_FLAGS.length]!);
    return syntheticAtom(10_000 + i, {
      category: categories[i % categories.length]!,
      systemPrompt: `Synthetic guidance ${i}: ${'Consider the constraint carefully and state the trade-off. '.repeat(1 + (i % 4))}`,
      constraints: [`Synthetic constraint ${i}.`],
      weight: Math.round(random() * 1000) / 1000,
      keywords: [...new Set(keywords)],
      targetRoles: random() < 0.05 ? [ROLES[i % ROLES.length]!] : [],
      targetVerticals: random() < 0.05 ? [VERTICALS[i % VERTICALS.length]!] : [],
      usageCount: Math.floor(random() * 60),
      successRate: Math.round(random() * 100) / 100,
    });
  });
}

/** The same fields the engine renders, as one Mustache template (triple braces: no HTML escaping). */
const TEMPLATE = `You are Venture Companion, an AI cofounder working with {{{role}}} at {{{vertical}}}.

## Guidance

{{#atoms}}{{{systemPrompt}}}

{{/atoms}}## Constraints

{{#constraints}}- {{{.}}}
{{/constraints}}

## About the user

- Risk tolerance: {{{riskTolerance}}}
- Preferred tone: {{{tone}}}

Brand voice:
\`\`\`text
{{{brandVoice}}}
\`\`\`

Company context:
\`\`\`text
{{{companyContext}}}
\`\`\`

Custom instructions:
\`\`\`text
{{{customInstructions}}}
\`\`\`

## Response style

{{{style}}}
`;
const USER_TEMPLATE = 'The task, as the user wrote it:\n\n```text\n{{{task}}}\n```\n\nComplete this task for the user, following the system instructions.';
Mustache.parse(TEMPLATE);
Mustache.parse(USER_TEMPLATE);

function mustacheView(input: AssemblyInput, selected: SelectedAtom[]) {
  return {
    role: input.profile.role,
    vertical: input.profile.vertical,
    atoms: selected.map(({ atom }) => ({ systemPrompt: atom.systemPrompt })),
    constraints: selected.flatMap(({ atom }) => atom.constraints),
    riskTolerance: input.profile.riskTolerance,
    tone: input.profile.tone,
    brandVoice: input.profile.brandVoice,
    companyContext: input.profile.companyContext,
    customInstructions: input.vibe.customInstructions,
    style: input.inputFilter?.style,
  };
}

/** Times fn over the inputs in turn; each call gets a task made unique by the iteration number. */
function measure(name: string, list: AssemblyInput[], fn: (input: AssemblyInput, index: number) => unknown) {
  const variant = (input: AssemblyInput, i: number): AssemblyInput => ({ ...input, task: `${input.task} (ref ${i})` });
  for (let i = 0; i < WARMUP; i++) fn(variant(list[i % list.length]!, -i), i % list.length);
  const samples: number[] = new Array(ITERATIONS);
  const started = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) {
    const input = variant(list[i % list.length]!, i);
    const t0 = process.hrtime.bigint();
    fn(input, i % list.length);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, summary: summarize(samples), perSecond: ITERATIONS / seconds };
}

const seeded = await loadSeededAtoms();
const large = [...seeded, ...syntheticLibrary()];
const seededInputs = inputs(seeded);
const largeInputs = inputs(large);
// The rendering rows and the baseline use the atoms the engine selects for each input, chosen beforehand.
const selections = seededInputs.map((input) => selectAtoms(input));
const views = seededInputs.map((input, index) => mustacheView(input, selections[index]!));
const systemPrompts = seededInputs.map((input) => assemblePrompt(input).systemPrompt);

const renderOnly = (input: AssemblyInput, index: number) => [
  renderSystemPrompt({
    profile: input.profile,
    customInstructions: input.vibe.customInstructions,
    selected: selections[index]!,
    style: input.inputFilter?.style ?? 'detailed',
    outputFormat: 'markdown',
    tone: input.profile.tone,
    maxTokens: null,
  }),
  renderUserPrompt(input.task),
];
const countOnly = (input: AssemblyInput, index: number) => {
  const encoding = encodingForModel(input.inputFilter?.model ?? 'gpt-4o-mini');
  return countTokens(systemPrompts[index]!, encoding) + countTokens(renderUserPrompt(input.task), encoding);
};
const freshArray = (input: AssemblyInput) => assemblePrompt({ ...input, atoms: [...input.atoms] });

const seededRow = measure(`engine, seeded library (${seeded.length} atoms)`, seededInputs, assemblePrompt);
const largeRow = measure(`engine, seeded + 1,000 synthetic (${large.length})`, largeInputs, assemblePrompt);
const seededFresh = measure(`engine, ${seeded.length} atoms, new array per call`, seededInputs, freshArray);
const largeFresh = measure(`engine, ${large.length} atoms, new array per call`, largeInputs, freshArray);
const selection = measure('  selection only', seededInputs, selectAtoms);
const rendering = measure('  rendering only (atoms pre-selected)', seededInputs, renderOnly);
const tokens = measure('  token counting only (both prompts)', seededInputs, countOnly);
const baseline = measure('mustache, same atoms (baseline)', seededInputs, (input, index) => [
  Mustache.render(TEMPLATE, views[index]!),
  Mustache.render(USER_TEMPLATE, { task: input.task }),
]);

const micros = (ms: number) => `${Math.round(ms * 1000)}`.padStart(5);
const row = (r: ReturnType<typeof measure>, ratio?: string) => ({
  name: r.name,
  summary: r.summary,
  extra: `µs p50/p95/p99 ${micros(r.summary.p50)} ${micros(r.summary.p95)} ${micros(r.summary.p99)}  ${Math.round(r.perSecond).toLocaleString('en-US').padStart(7)}/s${ratio ? `  ${ratio}` : ''}`,
});
const ratio = (r: ReturnType<typeof measure>) => `engine/mustache p50 ×${(r.summary.p50 / baseline.summary.p50).toFixed(1)}`;

console.log(`prompt assembly, ${ITERATIONS} iterations per row after ${WARMUP} warm-up; latency per call (ms, and µs in the last columns)\n`);
printTable([
  row(seededRow, ratio(seededRow)),
  row(largeRow, ratio(largeRow)),
  row(seededFresh, ratio(seededFresh)),
  row(largeFresh, ratio(largeFresh)),
  row(selection),
  row(rendering, ratio(rendering)),
  row(tokens),
  row(baseline),
]);
const worst = Math.max(seededRow.summary.p95, seededFresh.summary.p95);
console.log(`\nworst p95 of a full assembly: ${worst.toFixed(3)} ms`);
console.log(`target: assembly p95 ≤ ${TARGET_P95_MS} ms (${worst <= TARGET_P95_MS ? 'met' : 'NOT met'})`);
