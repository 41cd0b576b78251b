import type { MetricType } from '@/lib/zod/schemas/usage';

/**
 * The words for a limit that stops a metered action, shared by every 429 `limit_exceeded` and by
 * GET /api/usage (the meters), so a page says exactly what the refusal will say. The numbers come
 * from the database (public.plan_limits); these only phrase them.
 */

const count = (n: number) => n.toLocaleString('en-US');
const day = (iso: string) => iso.slice(0, 10);

/** Seconds of audio as a person reads them: "45 s", "2 min 5 s", "120 min". */
export function voiceDuration(seconds: number): string {
  if (seconds < 60) return `${count(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${count(minutes)} min` : `${count(minutes)} min ${rest} s`;
}

/** What a refused action had asked for, and where the counter stands. */
export interface RefusalFacts {
  amount: number;
  remaining: number;
  limit: number;
  resetsAt: string;
}

export const VOICE_PREMIUM_REASON = 'Voice input is a premium feature: upgrade to Pro or Enterprise to dictate tasks.';

export function runsUsedUpReason({ limit, resetsAt }: { limit: number; resetsAt: string }): string {
  return `You have used all ${count(limit)} runs of this month. The limit resets on ${day(resetsAt)}.`;
}

const tokensAdvice = (resetsAt: string) =>
  `Shorten the task or start a new conversation (earlier turns count too), lower the answer budget (inputFilter.maxTokens in the API), or wait until ${day(resetsAt)}, when the limit resets.`;

const dailyAdvice = (resetsAt: string) =>
  `Shorten the task or start a new conversation (earlier turns count too), lower the answer budget (inputFilter.maxTokens in the API), or wait until ${day(resetsAt)} (UTC), when the daily cap resets.`;

/** A run that asked for `tokens` and did not fit in the month's tokens. */
export function tokensRefusedReason({ tokens, remaining, limit, resetsAt }: { tokens: number; remaining: number; limit: number; resetsAt: string }): string {
  return `This run may use up to ${count(tokens)} tokens and ${count(remaining)} of your ${count(limit)} tokens are left this month. ${tokensAdvice(resetsAt)}`;
}

/** A run that fits the month's tokens but not today's cap. */
export function dailyTokensRefusedReason({ tokens, remaining, limit, resetsAt }: { tokens: number; remaining: number; limit: number; resetsAt: string }): string {
  return `This run may use up to ${count(tokens)} tokens and ${count(remaining)} of your plan's daily cap of ${count(limit)} tokens are left today. ${dailyAdvice(resetsAt)}`;
}

interface LowFacts {
  answerBudget: number;
  remaining: number;
  limit: number;
  reserved: number;
  resetsAt: string;
}

const heldByRuns = (reserved: number) =>
  reserved > 0 ? `${count(reserved)} of the counted tokens are held by runs in progress; what they do not use comes back when they finish. ` : '';

/**
 * Fewer tokens left than a run reserves for its answer alone (`answerBudget`), before its prompt.
 * `reserved` of the counted tokens are held by runs in progress, and partly come back.
 */
export function tokensLowReason({ answerBudget, remaining, limit, reserved, resetsAt }: LowFacts): string {
  return (
    `${count(remaining)} of your ${count(limit)} tokens are left this month, less than the ${count(answerBudget)} tokens a run reserves for its answer by default (its prompt comes on top). ` +
    heldByRuns(reserved) +
    tokensAdvice(resetsAt)
  );
}

/** As tokensLowReason, for today's cap. */
export function dailyTokensLowReason({ answerBudget, remaining, limit, reserved, resetsAt }: LowFacts): string {
  return (
    `${count(remaining)} of your plan's daily cap of ${count(limit)} tokens are left today, less than the ${count(answerBudget)} tokens a run reserves for its answer by default (its prompt comes on top). ` +
    heldByRuns(reserved) +
    dailyAdvice(resetsAt)
  );
}

/** A recording that needs `amount` seconds of transcription and does not fit. */
export function voiceRefusedReason({ amount, remaining, limit, resetsAt }: RefusalFacts): string {
  return `This recording needs ${voiceDuration(amount)} of voice input and ${voiceDuration(remaining)} of your ${voiceDuration(limit)} are left this month. Record a shorter one or type the task; the limit resets on ${day(resetsAt)}.`;
}

/** A recording the provider measured `amount` seconds longer than it was declared, which no longer fits. */
export function voiceOverrunReason({ amount, remaining, limit, resetsAt }: RefusalFacts): string {
  return `This recording was ${voiceDuration(amount)} longer than its declared length, and only ${voiceDuration(remaining)} of your ${voiceDuration(limit)} of voice input are left this month, so its transcript is withheld. Record a shorter one or type the task; the limit resets on ${day(resetsAt)}.`;
}

/** No voice input left at all this month. */
export function voiceUsedUpReason({ limit, resetsAt }: { limit: number; resetsAt: string }): string {
  return `You have used all ${voiceDuration(limit)} of voice input of this month. Type the task instead; the limit resets on ${day(resetsAt)}.`;
}

const UNITS: Record<'templates' | 'exports', [one: string, many: string]> = {
  templates: ['template', 'templates'],
  exports: ['export', 'exports'],
};

/** Templates and exports, counted one by one. */
export function countedRefusedReason(metric: 'templates' | 'exports', { amount, remaining, limit, resetsAt }: RefusalFacts): string {
  const [one, many] = UNITS[metric];
  if (remaining === 0) return `You have used all ${count(limit)} ${limit === 1 ? one : many} of this month. The limit resets on ${day(resetsAt)}.`;
  return `This needs ${count(amount)} ${amount === 1 ? one : many} and ${count(remaining)} of your ${count(limit)} are left this month. The limit resets on ${day(resetsAt)}.`;
}

/** The words of a refusal of `amount` of `metric`, whichever metric it is. */
export function refusalReason(metric: MetricType, facts: RefusalFacts): string {
  switch (metric) {
    case 'runs':
      return runsUsedUpReason(facts);
    case 'tokens':
      return tokensRefusedReason({ ...facts, tokens: facts.amount });
    case 'daily_tokens':
      return dailyTokensRefusedReason({ ...facts, tokens: facts.amount });
    case 'voice_seconds':
      return facts.limit === 0 ? VOICE_PREMIUM_REASON : voiceRefusedReason(facts);
    case 'templates':
    case 'exports':
      return countedRefusedReason(metric, facts);
  }
}
