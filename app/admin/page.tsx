import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AdminToggleButton } from '@/components/admin/admin-toggle-button';
import { ModelUsageChart } from '@/components/admin/model-usage-chart';
import { DailyUsageChart } from '@/components/billing/daily-usage-chart';
import { EventActionButton } from '@/components/integrations/event-action-button';
import { getAtomStats } from '@/lib/admin/get-atom-stats';
import { getRunAnalytics } from '@/lib/admin/get-run-analytics';
import { getSystemHealth } from '@/lib/admin/get-system-health';
import { listAdminAuditLog } from '@/lib/admin/list-admin-audit-log';
import { listAdminUsers } from '@/lib/admin/list-admin-users';
import { isAdmin } from '@/lib/auth/is-admin';
import { requireClaims } from '@/lib/auth/session';
import { exactUsd, formatUsd } from '@/lib/client/format-money';
import { formatDay } from '@/lib/client/format-stats';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { TIER_NAMES } from '@/lib/usage/tier-names';
import { ADMIN_ANALYTICS_DAYS, listAdminUsersQuerySchema, type AdminAtomStat } from '@/lib/zod/schemas/admin';
import billingStyles from '@/components/billing/billing.module.css';
import styles from '@/components/admin/admin.module.css';

export const metadata = { title: 'Admin · Venture Companion' };

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC' : '–';
const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
const count = (value: number) => value.toLocaleString('en-US');
const counted = (value: number, one: string, many: string) => `${count(value)} ${value === 1 ? one : many}`;
const inUse = (atom: AdminAtomStat) => atom.usageCount > 0 || atom.last7Days.rated > 0 || atom.previous7Days.rated > 0;
const tierName = (tier: string) => TIER_NAMES[tier as keyof typeof TIER_NAMES] ?? tier;

function Trend({ atom }: { atom: AdminAtomStat }) {
  if (atom.trend === null) return <span className="muted">–</span>;
  const points = Math.round(atom.trend * 100);
  if (points === 0) return <span>no change</span>;
  return (
    <span className={points > 0 ? styles.up : styles.down}>
      {points > 0 ? '▲ +' : '▼ −'}
      {Math.abs(points)} pts
    </span>
  );
}

/**
 * Product-wide figures for administrators: who uses it, how runs go and what they cost, how the
 * atoms fare, and whether webhooks, the queue and Stripe are healthy. Anyone else gets the
 * not-found page, as for a path that does not exist.
 */
export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const claims = await requireClaims('/admin');
  const parsed = listAdminUsersQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const data = await withUserTransaction(claims, async (tx) => {
    if (!(await isAdmin(tx))) return null;
    const [users, runs, atoms, health, audit] = await Promise.all([
      listAdminUsers(tx, query),
      getRunAnalytics(tx, { days: ADMIN_ANALYTICS_DAYS }),
      getAtomStats(tx),
      getSystemHealth(tx),
      listAdminAuditLog(tx),
    ]);
    return { users, runs, atoms, health, audit };
  });
  if (!data) notFound();
  const { users, runs, atoms, health, audit } = data;
  const usedAtoms = atoms.filter(inUse);
  const unusedAtoms = atoms.filter((atom) => !inUse(atom));
  const pages = Math.max(1, Math.ceil(users.total / users.pageSize));
  const pageHref = (page: number) => `/admin?${new URLSearchParams({ ...(query.search ? { search: query.search } : {}), page: String(page) })}`;

  return (
    <section>
      <div className="section-head">
        <div>
          <h1>Admin</h1>
          <p className="muted">Everyone&apos;s use of the product, the atoms&apos; record, and the health of webhooks, the queue and Stripe.</p>
        </div>
        <Link href="/admin/atoms" className="button secondary">
          Atom editor
        </Link>
      </div>

      <div className={styles.cards}>
        <article className="card" aria-labelledby="runs-title">
          <h2 id="runs-title">Runs · the last {ADMIN_ANALYTICS_DAYS} days</h2>
          <dl className={styles.facts}>
            <div>
              <dt className="muted">Runs</dt>
              <dd data-testid="admin-total-runs">{count(runs.totals.runs)}</dd>
            </div>
            <div>
              <dt className="muted">Approval rate</dt>
              <dd data-testid="admin-approval-rate" title={`${runs.totals.approved} of ${runs.totals.rated} rated runs approved`}>
                {percent(runs.totals.approvalRate)}
              </dd>
            </div>
            <div>
              <dt className="muted">Tokens</dt>
              <dd data-testid="admin-total-tokens">{count(runs.totals.tokens)}</dd>
            </div>
            <div>
              <dt className="muted">Cost</dt>
              <dd data-testid="admin-total-cost" title={exactUsd(runs.totals.costUsd)}>
                {formatUsd(runs.totals.costUsd)}
              </dd>
            </div>
          </dl>
          <div className={billingStyles.charts}>
            <DailyUsageChart title="Runs" format={(value) => counted(value, 'run', 'runs')} points={runs.days.map((day) => ({ date: day.date, value: day.runs }))} testId="admin-daily-runs" />
            <DailyUsageChart
              title="Approved"
              format={(value) => `${count(value)} approved`}
              points={runs.days.map((day) => ({ date: day.date, value: day.approved }))}
              testId="admin-daily-approved"
            />
            <DailyUsageChart title="Tokens" format={(value) => counted(value, 'token', 'tokens')} points={runs.days.map((day) => ({ date: day.date, value: day.tokens }))} testId="admin-daily-tokens" />
            <DailyUsageChart title="Cost" format={formatUsd} points={runs.days.map((day) => ({ date: day.date, value: day.costUsd }))} testId="admin-daily-cost" />
          </div>
        </article>

        <article className="card" aria-labelledby="models-title">
          <h2 id="models-title">By model</h2>
          <ModelUsageChart models={runs.models} />
        </article>

        <article className="card" aria-labelledby="users-title">
          <h2 id="users-title">Users</h2>
          <form className={styles.search} action="/admin" method="get" role="search" aria-label="Users">
            <label>
              Email or name
              <input type="search" name="search" defaultValue={query.search ?? ''} maxLength={200} />
            </label>
            <button type="submit" className="button secondary">
              Search
            </button>
          </form>
          <p className="muted" data-testid="admin-users-total">
            {users.total === 1 ? '1 user' : `${count(users.total)} users`}
            {query.search ? ` match “${query.search}”` : ''}
          </p>
          {users.users.length === 0 ? (
            <p className="empty">No users match.</p>
          ) : (
            <div className={styles.tableWrap}>
              <table className="stack-on-phone" aria-labelledby="users-title">
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col">Plan</th>
                    <th scope="col" className={styles.numeric}>Runs</th>
                    <th scope="col">Last active</th>
                    <th scope="col">Admin</th>
                  </tr>
                </thead>
                <tbody>
                  {users.users.map((user) => (
                    <tr key={user.id} data-testid="admin-user-row" data-email={user.email}>
                      <td data-label="User">
                        {user.email}
                        {user.displayName ? <span className="muted"> · {user.displayName}</span> : null}
                      </td>
                      <td data-label="Plan">{tierName(user.tier)}</td>
                      <td data-label="Runs" className={styles.numeric}>{count(user.runs)}</td>
                      <td data-label="Last active">{when(user.lastActiveAt)}</td>
                      <td data-label="Admin" className="cell-actions">
                        {user.isAdmin ? <span className="pill accent">Admin</span> : null}
                        <AdminToggleButton userId={user.id} email={user.email} isAdmin={user.isAdmin} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 ? (
            <nav className={styles.pager} aria-label="User pages">
              {users.page > 1 ? <Link href={pageHref(users.page - 1)}>← Previous</Link> : <span />}
              <span className="muted">
                Page {users.page} of {pages}
              </span>
              {users.page < pages ? <Link href={pageHref(users.page + 1)}>Next →</Link> : <span />}
            </nav>
          ) : null}
        </article>

        <article className="card" aria-labelledby="atoms-title">
          <h2 id="atoms-title">Atoms</h2>
          <p className="muted">Success is the share of verdicts that approved a run using the atom. The trend compares the last 7 days with the 7 before.</p>
          {usedAtoms.length === 0 ? (
            <p className="muted">No atom has been used yet.</p>
          ) : (
            <div className={styles.tableWrap}>
              <table className="stack-on-phone" aria-labelledby="atoms-title">
                <thead>
                  <tr>
                    <th scope="col">Atom</th>
                    <th scope="col" className={styles.numeric}>Uses</th>
                    <th scope="col" className={styles.numeric}>Success</th>
                    <th scope="col" className={styles.numeric}>Last 7 days</th>
                    <th scope="col" className={styles.numeric}>7 before</th>
                    <th scope="col">Trend</th>
                  </tr>
                </thead>
                <tbody>
                  {usedAtoms.map((atom) => (
                    <tr key={atom.id} data-testid="admin-atom-row" data-name={atom.name}>
                      <td data-label="Atom">
                        {atom.name} <span className="muted">v{atom.version} · {atom.category}</span>
                        {atom.isActive ? null : <span className="pill">inactive</span>}
                      </td>
                      <td data-label="Uses" className={styles.numeric}>{count(atom.usageCount)}</td>
                      <td data-label="Success" className={styles.numeric}>{percent(atom.successRate)}</td>
                      <td data-label="Last 7 days" className={styles.numeric} title={`${atom.last7Days.approved} of ${atom.last7Days.rated} approved`}>
                        {percent(atom.last7Days.rate)}
                      </td>
                      <td data-label="7 before" className={styles.numeric} title={`${atom.previous7Days.approved} of ${atom.previous7Days.rated} approved`}>
                        {percent(atom.previous7Days.rate)}
                      </td>
                      <td data-label="Trend">
                        <Trend atom={atom} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {unusedAtoms.length > 0 ? (
            <details className={styles.unused} data-testid="admin-unused-atoms">
              <summary>{counted(unusedAtoms.length, 'active atom', 'active atoms')} not used yet</summary>
              <p>{unusedAtoms.map((atom) => atom.name).join(', ')}</p>
            </details>
          ) : null}
        </article>

        <article className="card" aria-labelledby="health-title">
          <h2 id="health-title">Webhooks and queue</h2>
          <h3 className={styles.subhead}>Repository events</h3>
          <ul className={styles.states} aria-label="Repository events by state" data-testid="admin-event-states">
            {health.events.map((state) => (
              <li key={state.status} className={`pill ${state.status === 'dead' && state.count > 0 ? 'danger' : ''}`} data-state={state.status}>
                {state.status}: {count(state.count)}
              </li>
            ))}
          </ul>
          <h3 className={styles.subhead}>Queue jobs</h3>
          <ul className={styles.states} aria-label="Queue jobs by state" data-testid="admin-queue-states">
            {health.queue.map((state) => (
              <li key={state.state} className="pill" data-state={state.state}>
                {state.state}: {count(state.count)}
              </li>
            ))}
          </ul>
          <h3 className={styles.subhead}>Dead events</h3>
          {health.deadEvents.length === 0 ? (
            <p className="muted">None: every delivery was processed, skipped or is still being tried.</p>
          ) : (
            <div className={styles.tableWrap}>
              <table className="stack-on-phone" aria-label="Dead events">
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Received</th>
                    <th scope="col">
                      <span className="sr-only">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {health.deadEvents.map((event) => (
                    <tr key={event.id} data-testid="admin-dead-event">
                      <td data-label="Event">
                        {event.eventType}
                        {event.repository ? <span className="muted"> · {event.repository}</span> : null}
                      </td>
                      <td data-label="Owner">{event.email ?? '–'}</td>
                      <td data-label="Reason">
                        {event.reason ?? '–'} <span className="muted">({event.attempts} attempts)</span>
                      </td>
                      <td data-label="Received">{when(event.createdAt)}</td>
                      <td data-label="Action" className="cell-actions">
                        <EventActionButton
                          path={`/api/admin/events/${event.id}/retry`}
                          method="POST"
                          label="Retry"
                          busyLabel="Retrying…"
                          accessibleName={`Retry ${event.eventType} event of ${event.email ?? 'a deleted user'}`}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </article>

        <article className="card" aria-labelledby="stripe-title">
          <h2 id="stripe-title">Stripe events</h2>
          <ul className={styles.states} aria-label="Stripe events by state" data-testid="admin-stripe-states">
            {health.stripe.map((state) => (
              <li key={state.state} className={`pill ${state.state === 'failing' && state.count > 0 ? 'danger' : ''}`} data-state={state.state}>
                {state.state}: {count(state.count)}
                {state.lastReceivedAt ? <span className="muted"> · last {formatDay(state.lastReceivedAt.slice(0, 10))}</span> : null}
              </li>
            ))}
          </ul>
        </article>

        <article className="card" aria-labelledby="audit-title">
          <h2 id="audit-title">Audit log</h2>
          {audit.length === 0 ? (
            <p className="muted">No grants or revocations yet.</p>
          ) : (
            <div className={styles.tableWrap}>
              <table className="stack-on-phone" aria-labelledby="audit-title">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Whom</th>
                  </tr>
                </thead>
                <tbody>
                  {audit.map((entry) => (
                    <tr key={entry.id} data-testid="admin-audit-row">
                      <td data-label="When">{when(entry.createdAt)}</td>
                      <td data-label="Who">{entry.actor === 'script' ? 'admin:grant script' : (entry.actorEmail ?? 'a deleted administrator')}</td>
                      <td data-label="What">{entry.action === 'admin.grant' ? 'Granted admin' : 'Revoked admin'}</td>
                      <td data-label="Whom">{entry.targetEmail ?? entry.targetId}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </article>
      </div>
    </section>
  );
}
