import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { serverEnv } from '@/lib/env';

/**
 * The embedded auth server signs access tokens with an asymmetric key (ES256), like Supabase's
 * signing keys, so supabase-js verifies claims locally against /auth/v1/.well-known/jwks.json.
 */

export const SIGNING_ALG = 'ES256';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

let cached: Promise<SigningKey> | undefined;

export function signingKey(): Promise<SigningKey> {
  cached ??= loadSigningKey(serverEnv().EMBEDDED_AUTH_SIGNING_KEY);
  return cached;
}

async function loadSigningKey(serialized: string | undefined): Promise<SigningKey> {
  if (!serialized) throw new Error('EMBEDDED_AUTH_SIGNING_KEY is not set');
  const jwk = JSON.parse(serialized) as JWK;
  if (!jwk.kid || !jwk.d) throw new Error('EMBEDDED_AUTH_SIGNING_KEY must be a private JWK with a kid');
  const privateKey = (await importJWK(jwk, SIGNING_ALG)) as CryptoKey;
  const { d: _private, ...publicJwk } = jwk;
  return { kid: jwk.kid, privateKey, publicJwk: { ...publicJwk, alg: SIGNING_ALG, use: 'sig', key_ops: ['verify'] } };
}

/** A new private JWK, serialised for EMBEDDED_AUTH_SIGNING_KEY. */
export async function generateSigningKey(): Promise<string> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return JSON.stringify({ ...jwk, kid: crypto.randomUUID(), alg: SIGNING_ALG });
}
