import type { EventFields, EventType } from '@/lib/zod/schemas/events';

const quoted = (title: string | undefined) => (title ? ` "${title}"` : '');
const numbered = (prefix: string, number: number | undefined) => (number === undefined ? prefix : `${prefix} #${number}`);
const by = (author: string | undefined) => (author ? ` by ${author}` : '');
const branches = (fields: EventFields) => (fields.branch && fields.baseBranch ? ` (${fields.branch} → ${fields.baseBranch})` : '');

/**
 * What happened in the repository, in one sentence without its full stop, out of an event's stored
 * fields: the first sentence of its suggestion's task, and the line the pages show for it.
 */
export function describeEvent({ eventType, repository, fields }: { eventType: EventType; repository: string; fields: EventFields }): string {
  const pr = `${numbered('PR', fields.number)}${quoted(fields.title)}`;
  switch (eventType) {
    case 'repo.pr.opened':
      return `${pr} was opened in ${repository}${branches(fields)}${by(fields.author)}`;
    case 'repo.pr.reopened':
      return `${pr} was reopened in ${repository}${branches(fields)}${by(fields.author)}`;
    case 'repo.pr.synchronized':
      return `New commits were pushed to ${pr} in ${repository}${branches(fields)}`;
    case 'repo.pr.merged':
      return `${pr} was merged in ${repository}${branches(fields)}${by(fields.author)}`;
    case 'repo.pr.closed':
      return `${pr} was closed without merging in ${repository}${by(fields.author)}`;
    case 'repo.build.completed': {
      const build = `The ${fields.workflow ? `"${fields.workflow}" ` : ''}build${fields.number === undefined ? '' : ` #${fields.number}`}`;
      const where = `${fields.branch ? ` on ${fields.branch}` : ''} of ${repository}${fields.sha ? ` (commit ${fields.sha.slice(0, 7)})` : ''}`;
      return `${build}${where} finished: ${fields.conclusion ?? 'unknown'}`;
    }
    case 'issue.created':
      return `${numbered('Issue', fields.number)}${quoted(fields.title)} was opened in ${repository}${by(fields.author)}`;
  }
}
