import type { Queryable } from '@/lib/db/client';
import { newExtensionSecret } from '@/lib/extension/new-extension-secret';

/**
 * A one-time code for the signed-in user (the caller's transaction), bound to the extension's
 * PKCE challenge: only the holder of the matching verifier can exchange it, within 5 minutes.
 */
export async function createExtensionAuthCode(tx: Queryable, { challenge }: { challenge: string }): Promise<{ code: string; expiresAt: string }> {
  const { secret, hash } = newExtensionSecret('code');
  const [row] = await tx<{ expires_at: Date }[]>`select private.create_extension_auth_code(${hash}, ${challenge}) as expires_at`;
  return { code: secret, expiresAt: row!.expires_at.toISOString() };
}
