import { ApiError } from '@/lib/api/errors';
import { withAnonTransaction } from '@/lib/db/anon-transaction';
import { grantFromRow, type GrantRow } from '@/lib/extension/grant-from-row';
import { newExtensionSecret } from '@/lib/extension/new-extension-secret';
import { pkceChallenge } from '@/lib/extension/pkce-challenge';
import { hashToken, newTokenSecret } from '@/lib/tokens/token-secret';
import { extensionCodePattern, type ExtensionGrant } from '@/lib/zod/schemas/extension';

export const INVALID_CODE_MESSAGE = 'This connection code is invalid, expired or already used. Connect the extension again.';

/**
 * Code + verifier → a new token family (access token for an hour, refresh token for 30 days).
 * The database consumes the code and issues both in one statement, so a refused exchange issues
 * nothing and a code can never be exchanged twice. No session: the code and verifier are the gate.
 */
export async function exchangeExtensionCode({ code, verifier }: { code: string; verifier: string }): Promise<ExtensionGrant> {
  if (!extensionCodePattern.test(code)) throw new ApiError('bad_request', INVALID_CODE_MESSAGE);
  const access = newTokenSecret();
  const refresh = newExtensionSecret('refresh');
  const [row] = await withAnonTransaction(
    (tx) => tx<GrantRow[]>`
      select user_id, email, access_expires_at, refresh_expires_at
      from public.exchange_extension_code(${hashToken(code)}, ${pkceChallenge(verifier)}, ${access.hash}, ${access.prefix}, ${refresh.hash})`,
  );
  if (!row) throw new ApiError('bad_request', INVALID_CODE_MESSAGE);
  return grantFromRow(row, { accessToken: access.token, refreshToken: refresh.secret });
}
