/**
 * Every table in `public` whose rows belong to one user, with the column that names the owner.
 * Each such column references auth.users with ON DELETE CASCADE, so deleting the account deletes
 * the rows; the export reads the same list. tests/integration/account.test.ts compares it with the
 * catalog, so a new user-owned table cannot be left out of either.
 */
export const USER_TABLES = [
  { table: 'user_profiles', owner: 'user_id' },
  { table: 'vibe_configs', owner: 'user_id' },
  { table: 'threads', owner: 'user_id' },
  { table: 'agent_runs', owner: 'user_id' },
  { table: 'usage_metrics', owner: 'user_id' },
  { table: 'subscriptions', owner: 'user_id' },
  { table: 'usage_reservations', owner: 'user_id' },
  { table: 'connected_repositories', owner: 'user_id' },
  { table: 'background_events', owner: 'user_id' },
  { table: 'user_template_customizations', owner: 'user_id' },
  { table: 'template_customization_history', owner: 'user_id' },
  { table: 'template_usage_analytics', owner: 'user_id' },
  { table: 'template_feedback', owner: 'user_id' },
  { table: 'shared_template_customizations', owner: 'owner_id' },
  { table: 'template_presets', owner: 'owner_id' },
  { table: 'organizations', owner: 'owner_id' },
  { table: 'organization_members', owner: 'user_id' },
  { table: 'api_tokens', owner: 'user_id' },
  { table: 'extension_auth_codes', owner: 'user_id' },
  { table: 'extension_refresh_tokens', owner: 'user_id' },
] as const;

/**
 * Columns that reference a user but whose rows are someone else's: a customization another user
 * shared with this one is the sharer's (it goes when either account goes, but only the sharer
 * exports it).
 */
export const REFERENCES_NOT_OWNED = [{ table: 'shared_template_customizations', column: 'shared_with_user_id' }] as const;

export type UserTable = (typeof USER_TABLES)[number]['table'];

/**
 * Tables the export reads column by column rather than whole: a token's hash is a credential
 * (and the user's role may not even read it), so it is not part of anyone's data to take away.
 */
export const EXPORT_COLUMNS: Partial<Record<UserTable, readonly string[]>> = {
  api_tokens: ['id', 'user_id', 'name', 'kind', 'prefix', 'scopes', 'expires_at', 'last_used_at', 'revoked_at', 'family_id', 'created_at'],
  extension_auth_codes: ['id', 'user_id', 'code_challenge', 'expires_at', 'used_at', 'family_id', 'created_at'],
  extension_refresh_tokens: ['id', 'family_id', 'user_id', 'used_at', 'revoked_at', 'expires_at', 'created_at'],
};
