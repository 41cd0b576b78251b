import type { Queryable } from '@/lib/db/client';

export type TemplateEvent = 'view' | 'customize' | 'render' | 'test' | 'export' | 'import' | 'generate' | 'clone';

/**
 * One usage event for the caller, in the request's own transaction (a single insert, so it costs
 * one statement and is rolled back with the request). `metadata.runId` links a generate or render
 * to the run that used it, for the template's run analytics.
 */
export async function recordTemplateEvent(
  tx: Queryable,
  { userId, templateId, event, metadata = {} }: { userId: string; templateId: string; event: TemplateEvent; metadata?: Record<string, string | number | boolean> },
): Promise<void> {
  await tx`insert into public.template_usage_analytics (user_id, template_id, event, metadata) values (${userId}, ${templateId}, ${event}, ${tx.json(metadata)})`;
}
