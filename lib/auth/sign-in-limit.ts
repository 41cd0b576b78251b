/**
 * The rate-limit key for password sign-ins: the caller's IP and the email tried, so one address
 * cannot guess at an account more than the budget allows, and one attacker's guesses cannot lock
 * the real owner (on another IP) out of their account.
 */
export function signInLimitKey(ip: string, email: unknown): string {
  const normalized = typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '';
  return `${ip}|${normalized}`;
}
