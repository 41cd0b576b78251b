import { ApiClientError, errorMessage } from '@/lib/client/api-fetch';

/** What the chat says under the task box: the server's words, and whether a bigger plan is the way on. */
export interface ChatNotice {
  message: string;
  upgrade: boolean;
}

// A used-up limit or a feature of a paid plan: upgrading helps, so the notice links to /pricing.
const UPGRADE_CODES = new Set(['limit_exceeded', 'premium_required']);

export function chatNotice(problem: unknown): ChatNotice | null {
  if (problem === null || problem === undefined) return null;
  if (typeof problem === 'string') return { message: problem, upgrade: false };
  return { message: errorMessage(problem), upgrade: problem instanceof ApiClientError && UPGRADE_CODES.has(problem.code) };
}
