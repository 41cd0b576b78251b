import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSafeRedirectEntry, redirectAllowList } from '@/lib/auth/redirect-allow-list';

/** supabase/config.toml and the README's recipe never allow another site to receive auth tokens. */

// Settings only: comments may name the pattern to warn against it.
const config = readFileSync(path.join(process.cwd(), 'supabase', 'config.toml'), 'utf8')
  .split('\n')
  .filter((line) => !line.trimStart().startsWith('#'))
  .join('\n');

function tomlStrings(key: string): string[] {
  const line = new RegExp(`^${key}\\s*=\\s*(.+)$`, 'm').exec(config)?.[1] ?? '';
  return [...line.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
}

describe('supabase/config.toml', () => {
  it('allows only safe redirect URLs (no wildcard over a shared domain)', () => {
    const entries = [...tomlStrings('site_url'), ...tomlStrings('additional_redirect_urls')];
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) expect(isSafeRedirectEntry(entry), entry).toBe(true);
    expect(config).not.toMatch(/\*\.vercel\.app/);
  });

  it('keeps the session inactivity timeout equal to the session cookie lifetime (30 days)', () => {
    expect(/^inactivity_timeout\s*=\s*"720h"$/m.test(config)).toBe(true);
  });
});

describe('redirect allow-list for a deployment', () => {
  it('pins previews to the project and team', () => {
    expect(redirectAllowList({ productionUrl: 'https://app.example.com/x', vercelProject: 'venture', vercelTeam: 'acme' })).toEqual([
      'https://app.example.com/**',
      'https://venture-*-acme.vercel.app/**',
    ]);
    expect(redirectAllowList({ productionUrl: 'https://app.example.com' })).toEqual(['https://app.example.com/**']);
  });

  it.each([
    [{ productionUrl: 'http://app.example.com' }, /https/],
    [{ productionUrl: 'https://app.example.com', vercelProject: 'venture' }, /team/],
    [{ productionUrl: 'https://app.example.com', vercelTeam: 'acme' }, /project/],
    [{ productionUrl: 'https://app.example.com', vercelProject: '*', vercelTeam: 'acme' }, /project/],
    [{ productionUrl: 'https://app.example.com', vercelProject: 'venture', vercelTeam: 'a.b' }, /team/],
  ])('refuses %o', (input, message) => {
    expect(() => redirectAllowList(input)).toThrow(message);
  });

  it.each([
    ['https://*.vercel.app', false],
    ['https://*.vercel.app/**', false],
    ['https://**.example.com', false],
    ['https://*-acme.vercel.app/**', false],
    ['https://venture-*.vercel.app/**', false],
    ['https://venture-*-acme.vercel.app/**', true],
    ['https://app.example.com/**', true],
    ['http://localhost:3000/**', true],
    ['http://127.0.0.1:3000', true],
    ['http://app.example.com', false],
    ['javascript:alert(1)', false],
  ])('%s is safe: %s', (entry, safe) => {
    expect(isSafeRedirectEntry(entry)).toBe(safe);
  });
});
