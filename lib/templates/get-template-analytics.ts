import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { cachedCatalog } from '@/lib/templates/cached-catalog';
import { TEMPLATE_NOT_FOUND } from '@/lib/templates/customization-context';
import { templateStats } from '@/lib/templates/template-stats';
import type { TemplateAnalytics } from '@/lib/zod/schemas/templates';

interface OutcomeRow {
  runs: number;
  succeeded: number;
  approved: number;
  rejected: number;
  revised: number;
  avg_tokens: number | null;
  avg_latency_ms: number | null;
}

/**
 * A template's analytics: uses (all users and the caller's), ratings, and how the runs that used
 * it went (private.template_run_outcomes, over the runs that recorded the template in their
 * template_versions: success is approved over runs with feedback; tokens and
 * latency are averaged over succeeded runs). Aggregates only; no other user's rows are read.
 */
export async function getTemplateAnalytics(tx: Queryable, { userId, templateId }: { userId: string; templateId: string }): Promise<TemplateAnalytics> {
  if (!cachedCatalog().byId.has(templateId)) throw new ApiError('not_found', TEMPLATE_NOT_FOUND);
  const [stats, outcomes, mine] = await Promise.all([
    templateStats(tx, templateId),
    tx<OutcomeRow[]>`
      select runs::int as runs, succeeded::int as succeeded, approved::int as approved, rejected::int as rejected, revised::int as revised,
        avg_tokens::float8 as avg_tokens, avg_latency_ms::float8 as avg_latency_ms
      from private.template_run_outcomes(${templateId})`,
    tx<{ uses: number; rating: number | null }[]>`
      select
        (select count(*)::int from public.template_usage_analytics
          where user_id = ${userId} and template_id = ${templateId} and event in ('render', 'test', 'generate', 'clone')) as uses,
        (select rating::int from public.template_feedback where user_id = ${userId} and template_id = ${templateId}) as rating`,
  ]);
  const stat = stats.get(templateId);
  const outcome = outcomes[0]!;
  const judged = outcome.approved + outcome.rejected + outcome.revised;
  return {
    templateId,
    uses: stat?.uses ?? 0,
    users: stat?.users ?? 0,
    yourUses: mine[0]!.uses,
    rating: { average: stat?.rating_avg ?? null, count: stat?.rating_count ?? 0, yours: mine[0]!.rating },
    runs: {
      count: outcome.runs,
      succeeded: outcome.succeeded,
      approved: outcome.approved,
      rejected: outcome.rejected,
      revised: outcome.revised,
      successRate: judged === 0 ? null : outcome.approved / judged,
      averageTokens: outcome.avg_tokens,
      averageLatencyMs: outcome.avg_latency_ms,
    },
  };
}
