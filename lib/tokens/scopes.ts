/** What a personal access token (or the extension's token) may be used for. */
export const TOKEN_SCOPES = ['runs:write', 'runs:read', 'profile:read', 'templates:read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
