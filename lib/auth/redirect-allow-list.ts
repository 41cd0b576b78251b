/**
 * Supabase Auth's redirect allow-list for a deployment: the production URL and this project's own
 * Vercel preview URLs. Supabase matches entries as globs in which `*` stops at `.` and `/`, so
 * `https://*.vercel.app` admits every Vercel site on the internet and would hand password-reset
 * and magic-link tokens to any of them. A preview pattern is therefore pinned to the project
 * name in front and the team slug behind: `https://<project>-*-<team>.vercel.app/**`.
 */

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface AllowListInput {
  /** https://app.example.com: the production site URL. */
  productionUrl: string;
  /** Vercel project name and team slug, for preview deployments; both or neither. */
  vercelProject?: string;
  vercelTeam?: string;
}

export function redirectAllowList({ productionUrl, vercelProject, vercelTeam }: AllowListInput): string[] {
  const production = new URL(productionUrl);
  if (production.protocol !== 'https:') throw new Error('The production URL must use https.');
  const list = [`${production.origin}/**`];
  if (vercelProject !== undefined || vercelTeam !== undefined) {
    if (!vercelProject || !SLUG.test(vercelProject)) throw new Error('The Vercel project name must be a slug (a-z, 0-9, -).');
    if (!vercelTeam || !SLUG.test(vercelTeam)) throw new Error('The Vercel team slug must be a slug (a-z, 0-9, -).');
    list.push(`https://${vercelProject}-*-${vercelTeam}.vercel.app/**`);
  }
  return list;
}

/**
 * Whether an allow-list entry is safe: an exact host, or a host whose only wildcard sits between
 * a fixed prefix and a fixed suffix in the first label of a vercel.app name. Local http entries
 * are allowed only for loopback hosts.
 */
export function isSafeRedirectEntry(entry: string): boolean {
  const match = /^(https?):\/\/([^/]+)(\/.*)?$/.exec(entry);
  if (!match) return false;
  const [, scheme, host] = match as unknown as [string, string, string];
  if (scheme === 'http') return /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host);
  if (!host.includes('*')) return /^[a-z0-9.-]+(:\d+)?$/i.test(host);
  return /^[a-z0-9][a-z0-9-]*-\*-[a-z0-9-]*[a-z0-9]\.vercel\.app$/.test(host);
}
