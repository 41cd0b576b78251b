/**
 * Secret scrubbing shared by the logger and Sentry: field names that hold secrets, and token
 * shapes that must never leave the process even when they appear inside free text.
 */

export const SECRET_KEYS = [
  'password',
  'authorization',
  'cookie',
  'set-cookie',
  'access_token',
  'refresh_token',
  'token',
  'apikey',
  'api_key',
  'secret',
  'client_secret',
  'signing_key',
  'service_role_key',
  'database_url',
  'dsn',
];

const SECRET_KEY_PATTERN = new RegExp(`(^|[_-])(${SECRET_KEYS.map((k) => k.replace(/[-_]/g, '[-_]?')).join('|')})$`, 'i');

const SECRET_VALUE_PATTERNS: RegExp[] = [
  /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWTs
  /\b(sk|rk|pk)_(live|test)_[A-Za-z0-9]{8,}/g, // Stripe keys
  /\bwhsec_[A-Za-z0-9]{8,}/g, // Stripe webhook secrets
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI-style keys
  /\b(gh[pousr]_[A-Za-z0-9]{20,})/g, // GitHub tokens
  /(postgres(?:ql)?:\/\/[^:\s/]+:)[^@\s]+@/g, // passwords inside connection strings
  /\bvcr?_[A-Za-z0-9]{20,}/g, // our API tokens (vc_) and the extension's refresh tokens (vcr_)
  /(?<=\/invitations\/)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, // an invitation's token in a path
];

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEY_PATTERN.test(key);
}

export function redactText(text: string): string {
  let out = text;
  for (const pattern of SECRET_VALUE_PATTERNS) {
    // Equivalent mutant: `typeof prefix === 'string'` → true changes nothing, because only the
    // connection-string pattern matches text starting with `postgres`, and its group 1 always takes part.
    out = out.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && match.startsWith('postgres') ? `${prefix}${REDACTED}@` : REDACTED,
    );
  }
  return out;
}

/** Deep copy with secret-named fields replaced and secret-shaped strings scrubbed. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[truncated]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Error) {
    // message and stack are not enumerable, so an Error would otherwise serialise as {}.
    return {
      type: value.name,
      message: redactText(value.message),
      stack: value.stack ? redactText(value.stack) : undefined,
      ...(value.cause !== undefined ? { cause: redactValue(value.cause, depth + 1) } : {}),
    };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretKey(key) ? REDACTED : redactValue(inner, depth + 1);
    }
    return out;
  }
  return value;
}
