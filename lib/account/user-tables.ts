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
