import { createHmac, randomUUID } from 'node:crypto';
import type { Sql } from '@/lib/db/client';
import { POST as webhookPost } from '@/app/api/webhooks/code-repo/route';
import { callRoute } from '@/tests/support/routes';
import type { TestUser } from '@/tests/support/users';

export const WEBHOOK_SECRET = 'test-code-repo-secret-0123456789';

export const signGithub = (body: string, secret = WEBHOOK_SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface Delivery {
  event: string;
  payload: object | string;
  deliveryId?: string;
  /** null sends no signature; a string is sent as it is. */
  signature?: string | null;
  secret?: string;
}

/** Delivers a webhook as GitHub does: the raw JSON body signed with the secret. */
export async function deliver({ event, payload, deliveryId = randomUUID(), signature, secret }: Delivery) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': deliveryId };
  const sig = signature === undefined ? signGithub(body, secret) : signature;
  if (sig !== null) headers['x-hub-signature-256'] = sig;
  const res = await callRoute(webhookPost, '/api/webhooks/code-repo', { method: 'POST', body, headers });
  return { ...res, deliveryId };
}

export async function connectRepository(sql: Sql, user: TestUser, fullName = `acme-${randomUUID().slice(0, 8)}/api`): Promise<{ id: string; fullName: string }> {
  const [row] = await sql<{ id: string }[]>`insert into public.connected_repositories (user_id, full_name) values (${user.id}, ${fullName}) returning id`;
  return { id: row!.id, fullName };
}

export async function setAutoSuggest(sql: Sql, user: TestUser, on: boolean): Promise<void> {
  await sql`update public.vibe_configs set auto_suggest = ${on} where user_id = ${user.id} and kind = 'current'`;
}

export const pullRequest = (repository: string, action: string, extra: Record<string, unknown> = {}) => ({
  action,
  number: 42,
  pull_request: {
    title: 'Add rate limiting',
    html_url: `https://github.com/${repository}/pull/42`,
    body: 'Limits each client to 100 requests a minute.',
    merged: false,
    user: { login: 'octocat' },
    head: { ref: 'rate-limit' },
    base: { ref: 'main' },
    ...extra,
  },
  repository: { full_name: repository },
  sender: { login: 'octocat' },
});

export const workflowRun = (repository: string, conclusion: string, action = 'completed') => ({
  action,
  workflow_run: { name: 'CI', conclusion, head_branch: 'main', head_sha: 'abc1234def5678abc1234def5678abc1234def56', html_url: `https://github.com/${repository}/actions/runs/1`, run_number: 17 },
  repository: { full_name: repository },
});

export const checkSuite = (repository: string, conclusion: string, action = 'completed') => ({
  action,
  check_suite: { conclusion, head_branch: 'main', head_sha: 'abc1234def5678abc1234def5678abc1234def56', app: { name: 'Buildkite' } },
  repository: { full_name: repository },
});

export const issueOpened = (repository: string, action = 'opened') => ({
  action,
  issue: { number: 7, title: 'Login fails on Safari', html_url: `https://github.com/${repository}/issues/7`, body: 'Steps: open /sign-in in Safari 17.', user: { login: 'hubot' } },
  repository: { full_name: repository },
});

export interface StoredEvent {
  id: string;
  user_id: string;
  event_type: string;
  status: string;
  reason: string | null;
  payload: Record<string, unknown>;
  job_id: string;
  attempts: number;
}

export async function eventsOf(sql: Sql, deliveryId: string): Promise<StoredEvent[]> {
  return sql<StoredEvent[]>`
    select id, user_id, event_type, status, reason, payload, job_id, attempts from public.background_events
    where delivery_id = ${deliveryId} order by created_at`;
}
