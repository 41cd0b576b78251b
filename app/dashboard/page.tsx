import Link from 'next/link';
import { redirect } from 'next/navigation';
import { RunCharts } from '@/components/run-charts';
import { RunHistory } from '@/components/run-history';
import { UsageMeter } from '@/components/usage-meter';
import { getAccount } from '@/lib/account/get-account';
import { getRunStats } from '@/lib/runs/get-run-stats';
import { resolveRange, todayUtc, type DayRange } from '@/lib/runs/stats-range';
import { getUsage } from '@/lib/usage/get-usage';
import { currentClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';

export const metadata = { title: 'Dashboard · Venture Companion' };

export default async function DashboardPage() {
  const claims = await currentClaims();
  if (!claims) redirect('/signin?returnUrl=%2Fdashboard');
  const { account, usage, stats } = await withUserTransaction(claims, async (tx) => ({
    account: await getAccount(tx, { userId: claims.sub, email: claims.email ?? null }),
    usage: await getUsage(tx, { userId: claims.sub }),
    stats: await getRunStats(tx, { userId: claims.sub, filter: { range: (resolveRange({}, todayUtc()) as { ok: true; range: DayRange }).range } }),
  }));
  const name = account.profile.displayName ?? account.user.email ?? 'there';
  return (
    <section>
      <div className="row spread">
        <h1>Welcome, {name}</h1>
        <Link href="/chat" className="button">
          Ask your cofounder
        </Link>
      </div>
      {account.profile.onboardingStep !== 'done' ? (
        <article className="card callout">
          <h2>Finish setting up</h2>
          <p>Tell Venture Companion your role, your tools and your voice so its prompts fit you.</p>
          <Link href="/onboarding" className="button">
            Continue onboarding
          </Link>
        </article>
      ) : null}
      <div className="grid">
        <UsageMeter usage={usage} />
        <article className="card">
          <h2>Your plan</h2>
          <p data-testid="plan">
            {account.profile.subscriptionTier} · {account.profile.subscriptionStatus}
          </p>
        </article>
        <article className="card">
          <h2>Account</h2>
          <dl>
            <dt>Email</dt>
            <dd>{account.user.email}</dd>
            <dt>Time zone</dt>
            <dd>{account.profile.timezone}</dd>
            {account.user.isAdmin ? (
              <>
                <dt>Access</dt>
                <dd>Administrator</dd>
              </>
            ) : null}
          </dl>
        </article>
      </div>
      <RunCharts stats={stats} />
      <RunHistory />
    </section>
  );
}
