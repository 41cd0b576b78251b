import Mustache from 'mustache';
import { catalogIndex } from '@/lib/templates/catalog-index';
import type { TemplateVariable } from '@/lib/templates/catalog-schema';
import { combineTemplates, type CustomizationToApply, type PublishedVersion } from '@/lib/templates/combine-templates';
import { renderTemplate, type TemplateValue } from '@/lib/templates/render-template';
import { printTable, summarize } from './support';

/**
 * npx tsx bench/templates.ts — combined prompts from the template catalog, in process, single-threaded.
 *
 * Ten catalog templates across the milestones, each with a customisation that changes every
 * variable and adds custom instructions. Rows: rendering the ten mega-prompts with their values
 * (renderTemplate); generating the combined prompt for a task (combineTemplates: dependency
 * order, values over defaults with their checks, rendering, custom instructions, the task — the
 * pure part of POST /api/templates/generate, which adds one database read); and the same ten texts
 * rendered by mustache with the same values (lists joined as the renderer joins them, no HTML
 * escaping), checked first to give the same text (up to blank lines). Each call gets values and a task made unique by
 * a counter, cycling through 24 variants. Latency per call from process.hrtime.bigint, after a
 * warm-up.
 *
 * BENCH_ITERATIONS (default 10000), BENCH_WARMUP (default 1000).
 */

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 10_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1_000);
const TARGET_P95_MS = 2;
const VARIANTS = 24;

const CHOSEN = [
  'deploy-docker',
  'test-api-integration',
  'security-headers',
  'api-error-handling',
  'api-route-structure',
  'db-rls-policies',
  'auth-jwt-middleware',
  'init-logging',
  'init-env-config',
  'init-project-structure',
];

const catalog = catalogIndex();
const versions: PublishedVersion[] = CHOSEN.map((id) => {
  const { template } = catalog.get(id)!;
  return { id, version: template.version, megaPrompt: template.megaPrompt, variables: template.variables };
});

/** A valid value other than the default, different for each variant where the type allows. */
function customValue(variable: TemplateVariable, variant: number): TemplateValue {
  switch (variable.type) {
    case 'string':
      return variable.pattern ? variable.default : `${variable.default} (variant ${variant})`.slice(0, variable.maxLength);
    case 'enum':
      return variable.options[(variable.options.indexOf(variable.default) + 1 + variant) % variable.options.length]!;
    case 'boolean':
      return variant % 2 === 0 ? !variable.default : variable.default;
    case 'number': {
      const next = variable.default + 1 + (variant % 3);
      return variable.max !== undefined && next > variable.max ? (variable.min ?? variable.default) : next;
    }
    case 'list':
      return [...variable.default.slice(0, variable.maxItems - 1), `item-${variant}`];
  }
}

const customizations = (variant: number): CustomizationToApply[] =>
  versions.map((version, index) => ({
    templateId: version.id,
    values: Object.fromEntries(version.variables.map((variable) => [variable.name, customValue(variable, variant)])),
    customInstructions: `Variant ${variant}: keep the ${version.id} work reviewable in one pull request; name files as the team already does.`,
    enabled: true,
    version: 1 + index,
  }));

const TASKS = [
  'Set up the backend of our invoicing SaaS so that the first customers can sign in next week.',
  'Harden the API before the security review: headers, errors, tenancy.',
  'Prepare the service for its first production deploy, with logs we can search.',
];
const variants = Array.from({ length: VARIANTS }, (_, variant) => ({ task: TASKS[variant % TASKS.length]!, customizations: customizations(variant) }));

/** The values each template renders with: what combineTemplates computes (every custom value fits). */
const valuesOf = (list: CustomizationToApply[]) => list.map((c) => c.values as Record<string, TemplateValue>);
/** For mustache: lists joined as the renderer joins them; mustache would otherwise iterate them. */
const viewOf = (values: Record<string, TemplateValue>) => Object.fromEntries(Object.entries(values).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));

// Mustache escapes HTML by default; a prompt is not HTML.
Mustache.escape = (text: string) => text;
for (const version of versions) Mustache.parse(version.megaPrompt);

// Same texts: both renderers give the same output for every template and variant, up to blank
// lines (mustache drops a line that holds only a section tag; the renderer keeps its newline).
const words = (text: string) => text.replace(/\s+/g, ' ');
for (const variant of variants) {
  for (const [index, values] of valuesOf(variant.customizations).entries()) {
    const ours = renderTemplate(versions[index]!.megaPrompt, values);
    const theirs = Mustache.render(versions[index]!.megaPrompt, viewOf(values));
    if (words(ours) !== words(theirs)) throw new Error(`${versions[index]!.id}: the renderer and mustache disagree for variant ${variants.indexOf(variant)}`);
  }
}

/** The free-text variables of each template (an enum value with a counter would no longer fit). */
const freeText = new Map(versions.map((v) => [v.id, new Set(v.variables.filter((d) => d.type === 'string' && !d.pattern).map((d) => d.name))]));

/** Each call gets its own values (a counter in every free-text value), instructions and task, so no output is reused. */
function unique(variant: (typeof variants)[number], i: number) {
  return {
    task: `${variant.task} (ref ${i})`,
    customizations: variant.customizations.map((c) => ({
      ...c,
      values: Object.fromEntries(Object.entries(c.values).map(([name, value]) => [name, freeText.get(c.templateId)!.has(name) ? `${String(value)} ${i}` : value])),
      customInstructions: `${c.customInstructions} (ref ${i})`,
    })),
  };
}

function measure(name: string, fn: (input: ReturnType<typeof unique>) => unknown) {
  const inputs = Array.from({ length: WARMUP + ITERATIONS }, (_, i) => unique(variants[i % VARIANTS]!, i));
  for (let i = 0; i < WARMUP; i++) fn(inputs[i]!);
  const samples: number[] = new Array(ITERATIONS);
  const started = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) {
    const input = inputs[WARMUP + i]!;
    const t0 = process.hrtime.bigint();
    fn(input);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, summary: summarize(samples), perSecond: ITERATIONS / seconds };
}

const fittingValues = (input: ReturnType<typeof unique>) => valuesOf(input.customizations);
const render = measure('render 10 templates (renderTemplate)', (input) =>
  fittingValues(input).map((values, index) => renderTemplate(versions[index]!.megaPrompt, values)),
);
const generate = measure('generate combined prompt (combineTemplates)', (input) =>
  combineTemplates({ task: input.task, catalog, versions, customizations: input.customizations }),
);
const baseline = measure('mustache, same 10 texts (baseline)', (input) =>
  fittingValues(input).map((values, index) => Mustache.render(versions[index]!.megaPrompt, viewOf(values))),
);

const sample = combineTemplates({ task: variants[0]!.task, catalog, versions, customizations: variants[0]!.customizations });
const micros = (ms: number) => `${Math.round(ms * 1000)}`.padStart(5);
const ratio = (r: ReturnType<typeof measure>) => `/mustache p50 ×${(r.summary.p50 / baseline.summary.p50).toFixed(2)} p95 ×${(r.summary.p95 / baseline.summary.p95).toFixed(2)}`;
const row = (r: ReturnType<typeof measure>, extra = '') => ({
  name: r.name,
  summary: r.summary,
  extra: `µs p50/p95/p99 ${micros(r.summary.p50)} ${micros(r.summary.p95)} ${micros(r.summary.p99)}  ${Math.round(r.perSecond).toLocaleString('en-US').padStart(7)}/s${extra ? `  ${extra}` : ''}`,
});

console.log(
  `template prompts: ${versions.length} templates (${sample.prompt.length.toLocaleString('en-US')} characters combined), ${ITERATIONS} calls per row after ${WARMUP} warm-up; latency per call (ms, and µs in the last columns)\n`,
);
printTable([row(render, ratio(render)), row(generate, ratio(generate)), row(baseline)]);
console.log(`\ngenerate p95: ${generate.summary.p95.toFixed(3)} ms`);
console.log(`target: generate p95 ≤ ${TARGET_P95_MS} ms (${generate.summary.p95 <= TARGET_P95_MS ? 'met' : 'NOT met'})`);
