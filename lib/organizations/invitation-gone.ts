import { ApiError } from '@/lib/api/errors';

const MESSAGES = {
  used: 'This invitation has been used already. Ask for a new one if you still need to join.',
  revoked: 'This invitation was revoked by the organization. Ask its admins for a new one.',
  expired: 'This invitation has expired (they last seven days). Ask the organization for a new one.',
} as const;

/** The 410 a used, revoked or expired invitation answers, with a message that says which. */
export function invitationGone(state: keyof typeof MESSAGES): ApiError {
  return new ApiError('gone', MESSAGES[state], { state });
}
