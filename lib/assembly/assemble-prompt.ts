import type { AssemblyResult } from '@/lib/zod/schemas/assembly';
import type { AssemblyInput } from '@/lib/assembly/types';
import { AssemblyInputError } from '@/lib/assembly/errors';
import { MAX_TASK_CHARS, MAX_TEMPLATE_SECTION_CHARS, USER_TEXT_LIMITS } from '@/lib/assembly/limits';
import { renderSystemPrompt, renderUserPrompt, type OutputFormat, type PromptStyle } from '@/lib/assembly/render-prompt';
import { selectAtoms } from '@/lib/assembly/select-atoms';
import { countTokens, encodingForModel } from '@/lib/assembly/token-count';

export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_PROVIDER = 'openai';
export const DEFAULT_STYLE: PromptStyle = 'detailed';
export const DEFAULT_OUTPUT_FORMAT: OutputFormat = 'markdown';

function tooLong(field: string, limit: number, actual: number, what: string): AssemblyInputError {
  return new AssemblyInputError(
    field === 'task' ? 'task_too_long' : 'field_too_long',
    field,
    limit,
    actual,
    `${what} is ${actual} characters long; the limit is ${limit}.${field === 'task' ? ' Shorten it or split it into smaller tasks.' : ''}`,
  );
}

/** Refuses over-long user text (never truncates it), so the output stays within its documented bound. */
function checkSizes({ task, profile, vibe, inputFilter, templates }: AssemblyInput): void {
  const checks: [string, string | null | undefined, number, string][] = [
    ['task', task, MAX_TASK_CHARS, 'The task'],
    ['templates', templates, MAX_TEMPLATE_SECTION_CHARS, 'The attached templates'],
    ['brandVoice', profile.brandVoice, USER_TEXT_LIMITS.brandVoice, 'The brand voice'],
    ['companyContext', profile.companyContext, USER_TEXT_LIMITS.companyContext, 'The company context'],
    ['customInstructions', vibe.customInstructions, USER_TEXT_LIMITS.customInstructions, 'The custom instructions'],
    ['tone', profile.tone, USER_TEXT_LIMITS.tone, 'The tone'],
    ['inputFilter.tone', inputFilter?.tone, USER_TEXT_LIMITS.tone, 'The tone'],
  ];
  for (const [field, value, limit, what] of checks) {
    if (value != null && value.length > limit) throw tooLong(field, limit, value.length, what);
  }
  if (profile.kpiFocus.length > USER_TEXT_LIMITS.kpiFocusItems) {
    throw new AssemblyInputError(
      'field_too_long',
      'kpiFocus',
      USER_TEXT_LIMITS.kpiFocusItems,
      profile.kpiFocus.length,
      `The KPI focus has ${profile.kpiFocus.length} entries; the limit is ${USER_TEXT_LIMITS.kpiFocusItems}.`,
    );
  }
  for (const kpi of profile.kpiFocus) {
    if (kpi.length > USER_TEXT_LIMITS.kpiFocusItem) throw tooLong('kpiFocus', USER_TEXT_LIMITS.kpiFocusItem, kpi.length, 'A KPI focus entry');
  }
}

/**
 * Task + profile + vibe + atom library (+ optional input filter and attached templates) → the prompts, the atoms used and
 * why, and a token estimate. Pure and deterministic: the same input gives the same bytes, whatever
 * the order of the atoms array. Throws AssemblyInputError for over-long text.
 */
export function assemblePrompt(input: AssemblyInput): AssemblyResult {
  checkSizes(input);
  const { task, profile, vibe, atoms, inputFilter, templates } = input;

  const model = inputFilter?.model ?? profile.preferredModels[0] ?? DEFAULT_MODEL;
  const provider = inputFilter?.provider ?? DEFAULT_PROVIDER;
  const style = inputFilter?.style ?? DEFAULT_STYLE;
  const outputFormat = inputFilter?.outputFormat ?? DEFAULT_OUTPUT_FORMAT;
  const maxTokens = inputFilter?.maxTokens ?? null;
  const temperature = inputFilter?.temperature ?? null;

  const selected = selectAtoms({ task, profile, vibe, atoms });
  const systemPrompt = renderSystemPrompt({
    profile,
    customInstructions: vibe.customInstructions,
    selected,
    style,
    outputFormat,
    tone: inputFilter?.tone ?? profile.tone,
    maxTokens,
  });
  const userPrompt = renderUserPrompt(task, templates);

  const encoding = encodingForModel(model);
  const system = countTokens(systemPrompt, encoding);
  const user = countTokens(userPrompt, encoding);

  return {
    systemPrompt,
    userPrompt,
    selectedAtomIds: selected.map(({ atom }) => atom.id),
    blendRecipe: selected.map(({ recipe }) => recipe),
    tokenEstimate: { system, user, total: system + user, encoding },
    context: {
      model,
      provider,
      style,
      outputFormat,
      maxTokens,
      temperature,
      atomsConsidered: atoms.length,
      atomsSelected: selected.length,
    },
  };
}
