import type { EventFields, EventType } from '@/lib/zod/schemas/events';

const quoted = (title: string | undefined) => (title ? ` "${title}"` : '');
const numbered = (prefix: string, number: number | undefined) => (number === undefined ? prefix : `${prefix} #${number}`);
const by = (author: string | undefined) => (author ? ` by ${author}` : '');
const branches = (fields: EventFields) => (fields.branch && fields.baseBranch ? ` (${fields.branch} → ${fields.baseBranch})` : '');

function describe(eventType: EventType, repository: string, fields: EventFields): string {
  const pr = `${numbered('PR', fields.number)}${quoted(fields.title)}`;
  switch (eventType) {
    case 'repo.pr.opened':
      return `${pr} was opened in ${repository}${branches(fields)}${by(fields.author)}. Suggest what to review first, the risks to check and what to tell the team.`;
    case 'repo.pr.reopened':
      return `${pr} was reopened in ${repository}${branches(fields)}${by(fields.author)}. Suggest what to check before it goes forward again.`;
    case 'repo.pr.synchronized':
      return `New commits were pushed to ${pr} in ${repository}${branches(fields)}. Suggest what to review again and whether it is ready.`;
    case 'repo.pr.merged':
      return `${pr} was merged in ${repository}${branches(fields)}${by(fields.author)}. Suggest the next steps: what to announce, what to follow up and what to watch now that it is in.`;
    case 'repo.pr.closed':
      return `${pr} was closed without merging in ${repository}${by(fields.author)}. Suggest what to do with the work and what to tell whoever was waiting for it.`;
    case 'repo.build.completed': {
      const build = `The ${fields.workflow ? `"${fields.workflow}" ` : ''}build${fields.number === undefined ? '' : ` #${fields.number}`}`;
      const where = `${fields.branch ? ` on ${fields.branch}` : ''} of ${repository}${fields.sha ? ` (commit ${fields.sha.slice(0, 7)})` : ''}`;
      const conclusion = fields.conclusion ?? 'unknown';
      const ask = conclusion === 'success' ? 'Suggest what to ship or do next.' : 'Suggest how to find the cause and fix it.';
      return `${build}${where} finished: ${conclusion}. ${ask}`;
    }
    case 'issue.created':
      return `${numbered('Issue', fields.number)}${quoted(fields.title)} was opened in ${repository}${by(fields.author)}. Suggest how to triage it and a first plan to resolve it.`;
  }
}

/**
 * The task of an event's suggestion, written for its type out of its stored fields (never the raw
 * payload). The description, when there is one, follows as quoted context.
 */
export function writeSuggestionTask(eventType: EventType, repository: string, fields: EventFields): string {
  const task = describe(eventType, repository, fields);
  return fields.body ? `${task}\n\nDescription from GitHub:\n"""\n${fields.body}\n"""` : task;
}
