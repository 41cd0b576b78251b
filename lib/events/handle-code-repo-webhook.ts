import { ApiError } from '@/lib/api/errors';
import { readBodyBytes } from '@/lib/api/parse';
import { withServiceRoleTransaction } from '@/lib/db/service-role';
import { serverEnv } from '@/lib/env';
import { CODE_REPO_QUEUE, eventQueue } from '@/lib/events/event-queue';
import { mapGithubEvent } from '@/lib/events/map-github-event';
import { queueDb } from '@/lib/events/queue-db';
import { verifyGithubSignature } from '@/lib/events/verify-github-signature';
import type { Logger } from '@/lib/observability/logger';
import { githubRepositorySchema, type CodeRepoOutcome } from '@/lib/zod/schemas/events';

/** GitHub's own cap on a webhook payload; anything bigger is not one of its deliveries. */
export const MAX_CODE_REPO_BODY_BYTES = 25 * 1024 * 1024;
const DELIVERY_ID = /^[A-Za-z0-9-]{1,200}$/;

export interface CodeRepoWebhookResult {
  outcome: CodeRepoOutcome;
  /** Events stored by this delivery (one per connection of the repository). */
  events: number;
}

/**
 * POST /webhooks/code-repo. Nothing is read, parsed or stored before X-Hub-Signature-256 is
 * verified. A mapped event of a connected repository is stored with its job in one transaction
 * (so neither exists without the other) and processed later by a drain: GitHub waits only for the
 * insert. The same delivery again is one event, unless it ended dead: a redelivery of a dead event
 * (GitHub's Redeliver button) is queued again.
 */
export async function handleCodeRepoWebhook(req: Request, { log }: { log: Logger }): Promise<CodeRepoWebhookResult> {
  const env = serverEnv();
  const secrets = [env.CODE_REPO_WEBHOOK_SECRET, env.CODE_REPO_WEBHOOK_SECRET_PREVIOUS].filter((secret): secret is string => secret !== undefined);
  if (secrets.length === 0) throw new ApiError('service_unavailable', 'The repository webhook is not configured (CODE_REPO_WEBHOOK_SECRET).');
  const body = await readBodyBytes(req, MAX_CODE_REPO_BODY_BYTES, () => new ApiError('payload_too_large', 'A GitHub delivery is at most 25 MB.'));
  if (!verifyGithubSignature(body, req.headers.get('x-hub-signature-256'), secrets)) {
    throw new ApiError('unauthorized', 'X-Hub-Signature-256 is missing or does not match this body and the webhook secret.');
  }
  const name = req.headers.get('x-github-event') ?? '';
  const deliveryId = req.headers.get('x-github-delivery') ?? '';
  if (!DELIVERY_ID.test(deliveryId)) throw new ApiError('bad_request', 'X-GitHub-Delivery is missing or not a delivery id.');
  if (name === 'ping') return { outcome: 'pong', events: 0 };

  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError('invalid_json', 'The body is not JSON: choose the content type application/json in the webhook settings.');
  }
  const mapped = mapGithubEvent(name, payload);
  const repository = githubRepositorySchema.safeParse(payload);
  if (!mapped || !repository.success) return { outcome: 'ignored', events: 0 };
  const fullName = repository.data.repository.full_name;

  const boss = await eventQueue();
  // Three round trips: BEGIN and the role go with the insert, then the job, then COMMIT.
  const result = await withServiceRoleTransaction(async (tx): Promise<CodeRepoWebhookResult> => {
    // One event per connection of the repository, and how many connections there are (none: unknown).
    const [row] = await tx<{ connected: number; stored: { id: string; user_id: string; job_id: string }[] }[]>`
      with connected as (
        select id, user_id, org_id, full_name from public.connected_repositories where lower(full_name) = lower(${fullName})
      ), stored as (
        insert into public.background_events (user_id, org_id, event_type, delivery_id, repository, repository_id, payload, job_id)
        select r.user_id, r.org_id, ${mapped.eventType}, ${deliveryId}, r.full_name, r.id, ${tx.json(mapped.fields)}, gen_random_uuid()
        from connected r
        on conflict (source, delivery_id, repository_id) do update
          set status = 'received', reason = null, attempts = 0, processed_at = null, job_id = gen_random_uuid()
          where background_events.status = 'dead'
        returning id, user_id, job_id
      )
      select (select count(*)::int from connected) as connected,
        coalesce((select json_agg(json_build_object('id', id, 'user_id', user_id, 'job_id', job_id)) from stored), '[]'::json) as stored`;
    if (!row || row.connected === 0) return { outcome: 'unknown_repository', events: 0 };
    // The owner is the job's group: a drain takes one job per owner at a time, so a busy
    // repository cannot hold back everyone else's.
    for (const event of row.stored) {
      await boss.send(CODE_REPO_QUEUE, { eventId: event.id }, { id: event.job_id, group: { id: event.user_id }, db: queueDb(tx) });
    }
    return { outcome: row.stored.length > 0 ? 'stored' : 'duplicate', events: row.stored.length };
  });
  if (result.outcome === 'unknown_repository') log.warn({ deliveryId, name, repository: fullName }, 'delivery for a repository nobody connected');
  else log.info({ deliveryId, name, eventType: mapped.eventType, ...result }, 'code repository event');
  return result;
}
