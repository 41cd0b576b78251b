import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSigningKey } from '@/lib/auth/embedded/signing-key';

/** The embedded auth server's signing key, generated once per checkout and kept under .data/. */
export async function localSigningKey(dir = '.data'): Promise<string> {
  const file = path.join(dir, 'embedded-auth-signing-key.json');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dir, { recursive: true });
  const key = await generateSigningKey();
  await writeFile(file, key, { mode: 0o600 });
  return key;
}
