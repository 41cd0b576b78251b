import type { z } from 'zod';
import {
  githubCheckSuiteSchema,
  githubIssueSchema,
  githubPullRequestSchema,
  githubWorkflowRunSchema,
  type EventFields,
  type EventType,
} from '@/lib/zod/schemas/events';

export interface MappedEvent {
  eventType: EventType;
  fields: EventFields;
}

const PR_ACTIONS: Record<string, EventType> = { opened: 'repo.pr.opened', reopened: 'repo.pr.reopened', synchronize: 'repo.pr.synchronized' };

function parsed<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> | null {
  const result = schema.safeParse(payload);
  return result.success ? result.data : null;
}

/** Drops the fields GitHub left empty, so the stored payload holds only what is known. */
function known(fields: Record<string, string | number | null | undefined>): EventFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined && value !== '')) as EventFields;
}

/**
 * The background event a GitHub delivery (X-GitHub-Event and its payload) becomes, or null for
 * one that is acknowledged and not stored: another event type, another action, or a payload
 * without the fields its type has.
 */
export function mapGithubEvent(name: string, payload: unknown): MappedEvent | null {
  if (name === 'pull_request') {
    const event = parsed(githubPullRequestSchema, payload);
    if (!event) return null;
    const pr = event.pull_request;
    const eventType = event.action === 'closed' ? (pr.merged ? 'repo.pr.merged' : 'repo.pr.closed') : PR_ACTIONS[event.action];
    if (!eventType) return null;
    return {
      eventType,
      fields: known({ number: event.number, title: pr.title, url: pr.html_url, author: pr.user?.login, branch: pr.head.ref, baseBranch: pr.base.ref, body: pr.body }),
    };
  }
  if (name === 'workflow_run') {
    const event = parsed(githubWorkflowRunSchema, payload);
    if (!event || event.action !== 'completed') return null;
    const run = event.workflow_run;
    return {
      eventType: 'repo.build.completed',
      fields: known({ workflow: run.name, conclusion: run.conclusion, branch: run.head_branch, sha: run.head_sha, url: run.html_url, number: run.run_number }),
    };
  }
  if (name === 'check_suite') {
    const event = parsed(githubCheckSuiteSchema, payload);
    if (!event || event.action !== 'completed') return null;
    const suite = event.check_suite;
    return {
      eventType: 'repo.build.completed',
      fields: known({ workflow: suite.app?.name, conclusion: suite.conclusion, branch: suite.head_branch, sha: suite.head_sha }),
    };
  }
  if (name === 'issues') {
    const event = parsed(githubIssueSchema, payload);
    if (!event || event.action !== 'opened') return null;
    const issue = event.issue;
    return {
      eventType: 'issue.created',
      fields: known({ number: issue.number, title: issue.title, url: issue.html_url, author: issue.user?.login, body: issue.body }),
    };
  }
  return null;
}
