import type { BackgroundEvent } from '@/lib/zod/schemas/events';

const quoted = (title?: string) => (title ? ` “${title}”` : '');

/** One line saying what happened in the repository, for the pages (the task the model got is longer). */
export function describeEvent({ eventType, repository, fields }: Pick<BackgroundEvent, 'eventType' | 'repository' | 'fields'>): string {
  const pr = `PR #${fields.number ?? '?'}${quoted(fields.title)}`;
  switch (eventType) {
    case 'repo.pr.opened':
      return `${pr} was opened in ${repository}`;
    case 'repo.pr.reopened':
      return `${pr} was reopened in ${repository}`;
    case 'repo.pr.synchronized':
      return `${pr} got new commits in ${repository}`;
    case 'repo.pr.merged':
      return `${pr} was merged into ${fields.baseBranch ?? 'its base'} in ${repository}`;
    case 'repo.pr.closed':
      return `${pr} was closed without merging in ${repository}`;
    case 'repo.build.completed':
      return `${fields.workflow ?? 'A build'} finished (${fields.conclusion ?? 'no conclusion'}) on ${fields.branch ?? 'a branch'} in ${repository}`;
    case 'issue.created':
      return `Issue #${fields.number ?? '?'}${quoted(fields.title)} was opened in ${repository}`;
  }
}
