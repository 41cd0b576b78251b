import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { customizationContext, type CustomizationContext } from '@/lib/templates/customization-context';
import { CUSTOMIZATION_NOT_FOUND, effectiveValues } from '@/lib/templates/customization-row';
import { diffLines } from '@/lib/templates/diff-lines';
import { historySnapshot } from '@/lib/templates/history-snapshot';
import { renderCustomization } from '@/lib/templates/render-customization';
import type { TemplateValue } from '@/lib/templates/render-template';
import type { CustomizationDiff } from '@/lib/zod/schemas/templates';

interface Side {
  info: CustomizationDiff['from'];
  prompt: string;
  values: Record<string, TemplateValue>;
  instructions: string;
}

async function sideOf(tx: Queryable, ctx: CustomizationContext, userId: string, customizationId: string, which: 'base' | number): Promise<Side> {
  if (which === 'base') {
    const values = effectiveValues(ctx.base, {});
    return { info: { version: null, baseVersion: ctx.base.version, enabled: null }, prompt: renderCustomization(ctx.base.megaPrompt, values), values, instructions: '' };
  }
  const snapshot = await historySnapshot(tx, { userId, customizationId, version: which });
  const on = ctx.versions.find((version) => version.version === snapshot.baseVersion) ?? ctx.base;
  const values = effectiveValues(on, snapshot.variables);
  return {
    info: { version: which, baseVersion: on.version, enabled: snapshot.enabled },
    prompt: renderCustomization(on.megaPrompt, values, snapshot.customInstructions),
    values,
    instructions: snapshot.customInstructions,
  };
}

const valueLines = (values: Record<string, TemplateValue>) =>
  Object.keys(values)
    .sort()
    .map((name) => `${name}: ${JSON.stringify(values[name])}`)
    .join('\n');

/**
 * Two versions of the caller's customisation compared (`base` is its base template version with
 * defaults and no instructions; `to` defaults to the current version): line diffs of the rendered
 * prompts, of the values (one `name: value` line each) and of the instructions, each with its
 * similarity, and the variables whose value differs.
 */
export async function diffCustomization(
  tx: Queryable,
  { userId, templateId, from, to }: { userId: string; templateId: string; from: 'base' | number; to: 'base' | number | undefined },
): Promise<CustomizationDiff> {
  const ctx = await customizationContext(tx, { userId, templateId });
  if (!ctx.row) throw new ApiError('not_found', CUSTOMIZATION_NOT_FOUND);
  const [a, b] = await Promise.all([sideOf(tx, ctx, userId, ctx.row.id, from), sideOf(tx, ctx, userId, ctx.row.id, to ?? ctx.row.version)]);
  const names = [...new Set([...Object.keys(a.values), ...Object.keys(b.values)])].sort();
  const changes = names
    .filter((name) => JSON.stringify(a.values[name]) !== JSON.stringify(b.values[name]))
    .map((name) => ({ name, from: a.values[name] ?? null, to: b.values[name] ?? null }));
  return {
    from: a.info,
    to: b.info,
    prompt: diffLines(a.prompt, b.prompt),
    values: { ...diffLines(valueLines(a.values), valueLines(b.values)), changes },
    instructions: diffLines(a.instructions, b.instructions),
  };
}
