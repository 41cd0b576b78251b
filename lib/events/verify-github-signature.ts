import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/;

/**
 * Whether X-Hub-Signature-256 is the HMAC-SHA256 of the raw body under one of the secrets (the
 * current one, and the previous one during a rotation). Every secret is compared, in constant
 * time, so the answer's timing tells nothing about which matched or how much of it.
 */
export function verifyGithubSignature(body: Buffer, header: string | null, secrets: string[]): boolean {
  const match = header ? SIGNATURE.exec(header) : null;
  if (!match) return false;
  const given = Buffer.from(match[1]!, 'hex');
  let valid = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest();
    if (timingSafeEqual(expected, given)) valid = true;
  }
  return valid;
}
