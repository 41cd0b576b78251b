import type postgres from 'postgres';
import type { Queryable } from '@/lib/db/client';
import type { UsedTemplate } from '@/lib/zod/schemas/template-prompts';

/**
 * One `generate` row per template in template_usage_analytics (the caller's own, under RLS), for
 * the per-template analytics: which version and customisation were used and, for a run, which run.
 */
export async function recordTemplateUses(tx: Queryable, { userId, templates, runId }: { userId: string; templates: readonly UsedTemplate[]; runId: string | null }): Promise<void> {
  if (templates.length === 0) return;
  const rows = templates.map((template) => ({
    user_id: userId,
    template_id: template.id,
    event: 'generate',
    metadata: tx.json({
      version: template.version,
      customizationVersion: template.customizationVersion,
      ...(runId === null ? {} : { runId }),
    } as postgres.JSONValue),
  }));
  await tx`insert into public.template_usage_analytics ${tx(rows, 'user_id', 'template_id', 'event', 'metadata')}`;
}
