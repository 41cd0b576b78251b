import { describeEvent } from '@/lib/events/describe-event';
import type { EventFields, EventType } from '@/lib/zod/schemas/events';

/** What the model is asked to do about each kind of event, after the sentence saying what happened. */
function ask(eventType: EventType, fields: EventFields): string {
  switch (eventType) {
    case 'repo.pr.opened':
      return 'Suggest what to review first, the risks to check and what to tell the team.';
    case 'repo.pr.reopened':
      return 'Suggest what to check before it goes forward again.';
    case 'repo.pr.synchronized':
      return 'Suggest what to review again and whether it is ready.';
    case 'repo.pr.merged':
      return 'Suggest the next steps: what to announce, what to follow up and what to watch now that it is in.';
    case 'repo.pr.closed':
      return 'Suggest what to do with the work and what to tell whoever was waiting for it.';
    case 'repo.build.completed':
      return fields.conclusion === 'success' ? 'Suggest what to ship or do next.' : 'Suggest how to find the cause and fix it.';
    case 'issue.created':
      return 'Suggest how to triage it and a first plan to resolve it.';
  }
}

/**
 * The task of an event's suggestion, written for its type out of its stored fields (never the raw
 * payload). The description, when there is one, follows as quoted context.
 */
export function writeSuggestionTask(eventType: EventType, repository: string, fields: EventFields): string {
  const task = `${describeEvent({ eventType, repository, fields })}. ${ask(eventType, fields)}`;
  return fields.body ? `${task}\n\nDescription from GitHub:\n"""\n${fields.body}\n"""` : task;
}
