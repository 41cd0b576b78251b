import { describe, expect, it } from 'vitest';
import { isSafeRedirectEntry, redirectAllowList } from '@/lib/auth/redirect-allow-list';

const PROJECT_ERROR = 'The Vercel project name must be a slug (a-z, 0-9, -).';
const TEAM_ERROR = 'The Vercel team slug must be a slug (a-z, 0-9, -).';

describe('redirectAllowList', () => {
  it('admits every path of the production origin, and nothing else without Vercel settings', () => {
    expect(redirectAllowList({ productionUrl: 'https://app.example.com' })).toEqual(['https://app.example.com/**']);
    // Only the origin is kept: a path, query or trailing slash in the setting changes nothing.
    expect(redirectAllowList({ productionUrl: 'https://app.example.com/some/path?x=1' })).toEqual(['https://app.example.com/**']);
    expect(redirectAllowList({ productionUrl: 'https://app.example.com:8443/' })).toEqual(['https://app.example.com:8443/**']);
  });

  it('refuses a production URL that is not https', () => {
    for (const productionUrl of ['http://app.example.com', 'ftp://app.example.com', 'javascript:alert(1)']) {
      expect(() => redirectAllowList({ productionUrl })).toThrow('The production URL must use https.');
    }
    expect(() => redirectAllowList({ productionUrl: 'app.example.com' })).toThrow();
  });

  it("adds this project's own preview deployments, pinned to the project and the team", () => {
    expect(redirectAllowList({ productionUrl: 'https://app.example.com', vercelProject: 'venture-companion', vercelTeam: 'acme-labs' })).toEqual([
      'https://app.example.com/**',
      'https://venture-companion-*-acme-labs.vercel.app/**',
    ]);
    expect(redirectAllowList({ productionUrl: 'https://a.example', vercelProject: 'a', vercelTeam: '9' })[1]).toBe('https://a-*-9.vercel.app/**');
  });

  it('needs both the project and the team', () => {
    expect(() => redirectAllowList({ productionUrl: 'https://a.example', vercelProject: 'app' })).toThrow(TEAM_ERROR);
    expect(() => redirectAllowList({ productionUrl: 'https://a.example', vercelTeam: 'team' })).toThrow(PROJECT_ERROR);
    expect(() => redirectAllowList({ productionUrl: 'https://a.example', vercelProject: '', vercelTeam: 'team' })).toThrow(PROJECT_ERROR);
    expect(() => redirectAllowList({ productionUrl: 'https://a.example', vercelProject: 'app', vercelTeam: '' })).toThrow(TEAM_ERROR);
  });

  const longest = `a${'b'.repeat(61)}c`;
  it.each([
    ['a', true],
    ['09', true],
    ['a-z', true],
    ['abc-123-xyz', true],
    [longest, true],
    [`${longest}d`, false],
    ['-app', false],
    ['app-', false],
    ['App', false],
    ['APP', false],
    ['my_app', false],
    ['my.app', false],
    ['*', false],
    ['a*b', false],
    ['app/x', false],
    [' app', false],
    ['app\n', false],
  ])('takes %j as a slug: %s', (slug, valid) => {
    const withProject = () => redirectAllowList({ productionUrl: 'https://a.example', vercelProject: slug, vercelTeam: 'team' });
    const withTeam = () => redirectAllowList({ productionUrl: 'https://a.example', vercelProject: 'app', vercelTeam: slug });
    if (valid) {
      expect(withProject()).toHaveLength(2);
      expect(withTeam()).toHaveLength(2);
    } else {
      expect(withProject).toThrow(PROJECT_ERROR);
      expect(withTeam).toThrow(TEAM_ERROR);
    }
  });

  it('accepts every character of the slug alphabet', () => {
    // Edges of each range, inside a slug: a z 0 9 and -.
    expect(redirectAllowList({ productionUrl: 'https://a.example', vercelProject: 'az09-za90', vercelTeam: 'z-a-9-0' })[1]).toBe(
      'https://az09-za90-*-z-a-9-0.vercel.app/**',
    );
    expect(redirectAllowList({ productionUrl: 'https://a.example', vercelProject: 'z', vercelTeam: '0' })).toHaveLength(2);
  });
});

describe('isSafeRedirectEntry', () => {
  it.each([
    // Exact hosts, with or without a port and path
    ['https://app.example.com/**', true],
    ['https://app.example.com', true],
    ['https://APP.Example.com/x', true],
    ['https://app-09.example.com:8443/auth/callback', true],
    // Pinned previews: a fixed prefix and suffix around the only wildcard
    ['https://venture-companion-*-acme-labs.vercel.app/**', true],
    ['https://a-*-b.vercel.app', true],
    ['https://z9-*-0z.vercel.app/**', true],
    // Loopback over http, for local development
    ['http://localhost:3000/**', true],
    ['http://localhost', true],
    ['http://127.0.0.1:54321/auth/v1/callback', true],
    // Wildcards that admit other people's sites
    ['https://*.vercel.app/**', false],
    ['https://*-acme-labs.vercel.app/**', false],
    ['https://venture-companion-*.vercel.app/**', false],
    ['https://app-*-team.vercel.app.evil.example/**', false],
    ['https://app-*-team.evil.example/**', false],
    ['https://app-*-team-.vercel.app', false],
    ['https://-*-team.vercel.app', false],
    ['https://App-*-team.vercel.app', false],
    ['https://app-*-*-team.vercel.app', false],
    ['https://app-*-te.am.vercel.app', false],
    ['https://x.app-*-team.vercel.app', false],
    ['https://app.example.com*/**', false],
    ['https://**', false],
    ['https://*', false],
    // http beyond loopback, and lookalikes of loopback
    ['http://app.example.com/**', false],
    ['http://localhost.evil.example', false],
    ['http://127.0.0.1.evil.example', false],
    ['http://127.0.0.10', false],
    ['http://evil.localhost', false],
    ['http://localhost:port', false],
    ['http://127a0a0a1', false],
    // Not a URL of these schemes, or a host with credentials or odd characters
    ['ftp://app.example.com', false],
    ['javascript:alert(1)', false],
    ['//app.example.com', false],
    ['app.example.com', false],
    ['https://', false],
    ['https://user@app.example.com', false],
    ['https://app_example.com', false],
    ['https://app.example.com:port', false],
    ['xhttps://app.example.com', false],
    [' https://app.example.com', false],
    ['HTTPS://app.example.com', false],
    // One entry per line: a second line smuggled after a safe entry is refused with it.
    ['https://app.example.com/x\nhttps://*.vercel.app/**', false],
  ])('%s → %s', (entry, safe) => {
    expect(isSafeRedirectEntry(entry)).toBe(safe);
  });
});
