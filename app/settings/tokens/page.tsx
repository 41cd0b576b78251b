import Link from 'next/link';
import { TokensManager } from '@/components/tokens/tokens-manager';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { listApiTokens } from '@/lib/tokens/list-api-tokens';

export const metadata = { title: 'API tokens · Venture Companion' };

/** Settings → API tokens: make a personal access token (shown once), see each one's use, revoke. */
export default async function TokensPage() {
  const claims = await requireClaims('/settings/tokens');
  const tokens = await withUserTransaction(claims, (tx) => listApiTokens(tx, { userId: claims.sub }));
  return (
    <section className="stack">
      <div className="section-head">
        <div>
          <p className="eyebrow">
            <Link href="/settings">Settings</Link>
          </p>
          <h1>API tokens</h1>
          <p className="muted">
            A personal access token lets a script or another tool use the API as you, with only the permissions you give it. Send it as{' '}
            <code>Authorization: Bearer vc_…</code>. Treat it like a password.
          </p>
        </div>
      </div>
      <TokensManager initial={tokens} />
    </section>
  );
}
