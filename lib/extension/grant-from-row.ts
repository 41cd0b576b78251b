import { EXTENSION_SCOPES, type ExtensionGrant } from '@/lib/zod/schemas/extension';

export interface GrantRow {
  user_id: string;
  email: string | null;
  access_expires_at: Date;
  refresh_expires_at: Date;
}

/** The response to an exchange or a refresh, from the row the database function returned and the new secrets. */
export function grantFromRow(row: GrantRow, secrets: { accessToken: string; refreshToken: string }): ExtensionGrant {
  return {
    accessToken: secrets.accessToken,
    refreshToken: secrets.refreshToken,
    expiresAt: row.access_expires_at.toISOString(),
    refreshExpiresAt: row.refresh_expires_at.toISOString(),
    scopes: [...EXTENSION_SCOPES],
    user: { id: row.user_id, email: row.email },
  };
}
