import { redirectAllowList } from '@/lib/auth/redirect-allow-list';

/**
 * Prints Supabase Auth's Site URL and redirect allow-list for a deployment, to paste into the
 * dashboard (Authentication → URL Configuration) or the Management API.
 *   npm run auth:redirect-urls -- https://app.example.com [vercel-project vercel-team]
 */
const [productionUrl, vercelProject, vercelTeam] = process.argv.slice(2);
if (!productionUrl) {
  console.error('usage: npm run auth:redirect-urls -- <https production URL> [<vercel project> <vercel team slug>]');
  process.exit(2);
}
try {
  const list = redirectAllowList({ productionUrl, vercelProject, vercelTeam });
  console.log(JSON.stringify({ site_url: new URL(productionUrl).origin, uri_allow_list: list }, null, 2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
