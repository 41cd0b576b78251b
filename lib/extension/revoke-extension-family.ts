import { withAnonTransaction } from '@/lib/db/anon-transaction';
import { hashToken } from '@/lib/tokens/token-secret';
import { extensionRefreshTokenPattern } from '@/lib/zod/schemas/extension';

/**
 * The extension's Disconnect: its refresh token revokes its whole family, so neither that token
 * nor the access token issued with it works again. The same answer whether or not the token was
 * known, so the endpoint tells nobody which tokens exist.
 */
export async function revokeExtensionFamily({ refreshToken }: { refreshToken: string }): Promise<void> {
  if (!extensionRefreshTokenPattern.test(refreshToken)) return;
  await withAnonTransaction((tx) => tx`select public.revoke_extension_family(${hashToken(refreshToken)})`);
}
