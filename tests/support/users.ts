import { randomUUID } from 'node:crypto';
import { handleEmbeddedAuth } from '@/lib/auth/embedded/server';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export async function authRequest(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', apikey: 'test' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await handleEmbeddedAuth(
    new Request(`http://localhost:3000/auth/v1${path}`, {
      method: init.method ?? 'POST',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

/** Signs up a new user through the embedded auth server (the sign-up trigger creates its profile). */
export async function createUser(prefix = 'user', { email = `${prefix}-${randomUUID().slice(0, 8)}@example.com` }: { email?: string } = {}): Promise<TestUser> {
  const password = `pw-${randomUUID()}`;
  const { status, json } = await authRequest('/signup', { body: { email, password } });
  if (status !== 200) throw new Error(`sign-up failed: ${status} ${JSON.stringify(json)}`);
  return { id: json.user.id, email, password, accessToken: json.access_token, refreshToken: json.refresh_token };
}

export function bearer(user: Pick<TestUser, 'accessToken'>): Record<string, string> {
  return { authorization: `Bearer ${user.accessToken}` };
}
