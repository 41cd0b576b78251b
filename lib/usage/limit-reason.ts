/**
 * The words for a monthly limit that stops a run, shared by the 429 of POST /api/runs and the
 * dashboard's meter (GET /api/usage), so the page says exactly what the refusal will say.
 */

const count = (n: number) => n.toLocaleString('en-US');
const day = (iso: string) => iso.slice(0, 10);

export function runsUsedUpReason({ limit, resetsAt }: { limit: number; resetsAt: string }): string {
  return `You have used all ${count(limit)} runs of this month. The limit resets on ${day(resetsAt)}.`;
}

const tokensAdvice = (resetsAt: string) =>
  `Shorten the task or start a new conversation (earlier turns count too), lower the answer budget (inputFilter.maxTokens in the API), or wait until ${day(resetsAt)}, when the limit resets.`;

/** A run that asked for `tokens` and did not fit. */
export function tokensRefusedReason({ tokens, remaining, limit, resetsAt }: { tokens: number; remaining: number; limit: number; resetsAt: string }): string {
  return `This run may use up to ${count(tokens)} tokens and ${count(remaining)} of your ${count(limit)} tokens are left this month. ${tokensAdvice(resetsAt)}`;
}

/**
 * Fewer tokens left than a run reserves for its answer alone (`answerBudget`), before its prompt.
 * `reserved` of the counted tokens are held by runs in progress, and partly come back.
 */
export function tokensLowReason({
  answerBudget,
  remaining,
  limit,
  reserved,
  resetsAt,
}: {
  answerBudget: number;
  remaining: number;
  limit: number;
  reserved: number;
  resetsAt: string;
}): string {
  const held = reserved > 0 ? `${count(reserved)} of the counted tokens are held by runs in progress; what they do not use comes back when they finish. ` : '';
  return (
    `${count(remaining)} of your ${count(limit)} tokens are left this month, less than the ${count(answerBudget)} tokens a run reserves for its answer by default (its prompt comes on top). ` +
    held +
    tokensAdvice(resetsAt)
  );
}
