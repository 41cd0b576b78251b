import Link from 'next/link';
import { redirect } from 'next/navigation';
import { DashboardFilters } from '@/components/dashboard-filters';
import { RunCharts } from '@/components/run-charts';
import { RunHistory } from '@/components/run-history';
import { Suggestions } from '@/components/suggestions';
import { OrgSuggestions } from '@/components/organizations/org-suggestions';
import { UsageMeter } from '@/components/usage-meter';
import { getAccount } from '@/lib/account/get-account';
import { listEvents } from '@/lib/events/list-events';
import { listRepositories } from '@/lib/events/list-repositories';
import { getActiveOrganization } from '@/lib/organizations/get-active-organization';
import { listOrganizationSuggestions } from '@/lib/organizations/list-organization-suggestions';
import { currentClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { parseDashboardFilters } from '@/lib/runs/dashboard-filters';
import { getRunStats } from '@/lib/runs/get-run-stats';
import { todayUtc } from '@/lib/runs/stats-range';
import { getUsage } from '@/lib/usage/get-usage';
import type { Usage } from '@/lib/zod/schemas/usage';
import styles from '@/components/dashboard.module.css';

export const metadata = { title: 'Dashboard · Venture Companion' };

/** Subscription states worth saying next to the plan; "free" and "active" go without saying. */
const STATUS_NOTES: Record<string, string> = {
  trialing: 'on a trial',
  past_due: 'payment past due',
  canceled: 'cancelled',
  inactive: 'inactive',
};

function planLimits(usage: Usage): string {
  const limit = (type: 'runs' | 'tokens') => usage.metrics.find((m) => m.metricType === type)?.limit ?? null;
  const runs = limit('runs');
  const tokens = limit('tokens');
  if (runs === null && tokens === null) return 'No monthly limits.';
  const part = (n: number | null, unit: string) => (n === null ? `unlimited ${unit}` : `${n.toLocaleString('en-US')} ${unit}`);
  return `${part(runs, 'runs')} and ${part(tokens, 'tokens')} a month.`;
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const claims = await currentClaims();
  if (!claims) redirect('/signin?returnUrl=%2Fdashboard');
  const filters = parseDashboardFilters(await searchParams, todayUtc());
  const { status, outputType } = filters.query;
  // Every read goes out at once, pipelined on the transaction's connection; only the workspace's
  // suggestions wait, for the workspace.
  const { account, usage, stats, events, repositories, organization, orgSuggestions } = await withUserTransaction(claims, async (tx) => {
    const workspace = getActiveOrganization(tx, { userId: claims.sub }).then(async (organization) => ({
      organization,
      orgSuggestions: organization ? await listOrganizationSuggestions(tx, { userId: claims.sub, orgId: organization.id }) : [],
    }));
    const [account, usage, stats, events, repositories, shared] = await Promise.all([
      getAccount(tx, { userId: claims.sub, email: claims.email ?? null }),
      getUsage(tx, { userId: claims.sub }),
      getRunStats(tx, { userId: claims.sub, filter: { range: filters.range, status, outputType } }),
      listEvents(tx, { userId: claims.sub }),
      listRepositories(tx, { userId: claims.sub }),
      workspace,
    ]);
    return { account, usage, stats, events, repositories, ...shared };
  });
  const name = account.profile.displayName ?? account.user.email ?? 'there';
  const statusNote = STATUS_NOTES[account.profile.subscriptionStatus];
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
          <h2>Account</h2>
          <dl>
            <dt>Email</dt>
            <dd className={styles.email} data-testid="account-email">
              {account.user.email}
            </dd>
            <dt>Plan</dt>
            <dd data-testid="plan">
              <strong>{account.profile.subscriptionTier}</strong>
              {statusNote ? ` (${statusNote})` : null}
              <span className={`muted ${styles.block}`}>
                {planLimits(usage)} <Link href="/billing">Billing and plans</Link>
              </span>
            </dd>
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
      <Suggestions initial={events} watching={repositories.length > 0} />
      {organization ? <OrgSuggestions organization={organization} suggestions={orgSuggestions} /> : null}
      <DashboardFilters query={filters.query} range={filters.range} problems={filters.problems} />
      <RunCharts stats={stats} />
      <RunHistory range={filters.range} status={status} outputType={outputType} />
    </section>
  );
}
