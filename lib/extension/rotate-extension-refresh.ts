import { ApiError } from '@/lib/api/errors';
import { withAnonTransaction } from '@/lib/db/anon-transaction';
import { grantFromRow, type GrantRow } from '@/lib/extension/grant-from-row';
import { newExtensionSecret } from '@/lib/extension/new-extension-secret';
import { hashToken, newTokenSecret } from '@/lib/tokens/token-secret';
import { extensionRefreshTokenPattern, type ExtensionGrant } from '@/lib/zod/schemas/extension';

const INVALID_REFRESH_MESSAGE = 'This refresh token is invalid, expired, revoked or already used. Connect the extension again.';

/**
 * Spends a refresh token for a new access and refresh token in the same family. Presenting a spent
 * one revokes the family in the database (that commits; the caller only sees the refusal).
 */
export async function rotateExtensionRefresh({ refreshToken }: { refreshToken: string }): Promise<ExtensionGrant> {
  if (!extensionRefreshTokenPattern.test(refreshToken)) throw new ApiError('bad_request', INVALID_REFRESH_MESSAGE);
  const access = newTokenSecret();
  const refresh = newExtensionSecret('refresh');
  const [row] = await withAnonTransaction(
    (tx) => tx<GrantRow[]>`
      select user_id, email, access_expires_at, refresh_expires_at
      from public.rotate_extension_refresh(${hashToken(refreshToken)}, ${access.hash}, ${access.prefix}, ${refresh.hash})`,
  );
  if (!row) throw new ApiError('bad_request', INVALID_REFRESH_MESSAGE);
  return grantFromRow(row, { accessToken: access.token, refreshToken: refresh.secret });
}
