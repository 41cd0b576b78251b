import { z } from 'zod';

/** The browser extension's sign-in: approval, code exchange, refresh and validation (issue 12). */

/** What the extension's access tokens may do; the connect page lists these to the person approving. */
export const EXTENSION_SCOPES = ['runs:write', 'runs:read', 'profile:read'] as const;

/** base64url(SHA-256(verifier)) without padding, as RFC 7636 (S256) defines it. */
export const codeChallengeSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be an S256 code challenge (43 base64url characters)');
/** Chosen by the extension to match the answer to its request; echoed back, never stored. */
export const connectStateSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16 to 128 base64url characters');

export const extensionCodePattern = /^vcc_[A-Za-z0-9]{40}$/;
export const extensionRefreshTokenPattern = /^vcr_[A-Za-z0-9]{40}$/;

/** POST /api/extension/authorize (session only). */
export const authorizeExtensionBodySchema = z.strictObject({ challenge: codeChallengeSchema, state: connectStateSchema });
export const extensionAuthCodeSchema = z.object({ code: z.string(), state: z.string(), expiresAt: z.string() });

/** POST /api/extension/exchange. */
export const exchangeExtensionCodeBodySchema = z.strictObject({
  code: z.string().max(100),
  // RFC 7636: 43 to 128 characters of the unreserved set.
  verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be 43 to 128 characters of A-Z, a-z, 0-9 and - . _ ~'),
});

/** POST /api/extension/refresh. */
export const refreshExtensionTokenBodySchema = z.strictObject({ refreshToken: z.string().max(100) });

const extensionUserSchema = z.object({ id: z.uuid(), email: z.string().nullable() });

/** The answer of the exchange and of a refresh: a new pair, shown this once. */
export const extensionGrantSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresAt: z.string(),
  refreshExpiresAt: z.string(),
  scopes: z.array(z.enum(EXTENSION_SCOPES)),
  user: extensionUserSchema,
});
export type ExtensionGrant = z.infer<typeof extensionGrantSchema>;

/** GET /api/extension/validate: whose token this is and what it may do. */
export const extensionTokenInfoSchema = z.object({
  user: extensionUserSchema,
  scopes: z.array(z.string()),
  kind: z.enum(['personal', 'extension']),
  expiresAt: z.string().nullable(),
});
export type ExtensionTokenInfo = z.infer<typeof extensionTokenInfoSchema>;
