import { z } from 'zod';
import { TOKEN_SCOPES } from '@/lib/tokens/scopes';

/** Personal access tokens (and the extension's tokens, listed with them). */

export const MAX_TOKEN_NAME_CHARS = 100;
export const MAX_TOKEN_LIFETIME_DAYS = 365;
/** Live personal tokens a user may hold at once: enough for every script, few enough to review. */
export const MAX_LIVE_TOKENS = 25;

export const tokenScopeSchema = z.enum(TOKEN_SCOPES, `must be one of ${TOKEN_SCOPES.join(', ')}`);

/** POST /api/tokens */
export const createTokenBodySchema = z.strictObject({
  name: z
    .string('give the token a name')
    .trim()
    .min(1, 'give the token a name')
    .max(MAX_TOKEN_NAME_CHARS, `must be at most ${MAX_TOKEN_NAME_CHARS} characters`),
  scopes: z
    .array(tokenScopeSchema, 'choose at least one scope')
    .min(1, 'choose at least one scope')
    .max(TOKEN_SCOPES.length, `at most ${TOKEN_SCOPES.length} scopes`)
    .refine((scopes) => new Set(scopes).size === scopes.length, 'each scope at most once'),
  expiresInDays: z
    .number('must be a number of days, or null for a token that does not expire')
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(MAX_TOKEN_LIFETIME_DAYS, `must be at most ${MAX_TOKEN_LIFETIME_DAYS} days`)
    .nullable(),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;

export const tokenIdParamsSchema = z.object({ id: z.uuid('must be a token id') });

/** A token as its owner sees it: never the secret, never its hash. */
export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['personal', 'extension']),
  /** `vc_` and the first 6 characters: enough to tell tokens apart. */
  prefix: z.string(),
  scopes: z.array(tokenScopeSchema),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  /** As the database sees it now: what a request with the token would get. */
  status: z.enum(['active', 'expired', 'revoked']),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** GET /api/tokens: newest first. */
export const apiTokenListSchema = z.object({ tokens: z.array(apiTokenSchema) });
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;

/** 201 from POST /api/tokens: the only time the secret is shown. */
export const createdTokenSchema = z.object({
  token: z.string(),
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(tokenScopeSchema),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;
