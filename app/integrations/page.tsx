import Link from 'next/link';
import { ConnectRepositoryForm } from '@/components/integrations/connect-repository-form';
import { EventActionButton } from '@/components/integrations/event-action-button';
import { ShareRepositoryButton } from '@/components/integrations/share-repository-button';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { serverEnv } from '@/lib/env';
import { describeEvent } from '@/lib/events/describe-event';
import { listEvents } from '@/lib/events/list-events';
import { listRepositories } from '@/lib/events/list-repositories';
import { getActiveOrganization } from '@/lib/organizations/get-active-organization';
import { listOrganizationRepositories } from '@/lib/organizations/list-organization-repositories';
import { getVibe } from '@/lib/vibe/get-vibe';
import type { EventState } from '@/lib/zod/schemas/events';

export const metadata = { title: 'Integrations · Venture Companion' };

const STATE_TONE: Record<EventState, string> = { received: '', processed: 'success', skipped: '', failed: 'danger', dead: 'danger' };
const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

/**
 * GitHub: how to point a repository's webhook here, the repositories whose deliveries are this
 * user's, and every recent delivery with what became of it (a dead one can be retried).
 */
export default async function IntegrationsPage() {
  const claims = await requireClaims('/integrations');
  const env = serverEnv();
  // The reads go out at once, pipelined on the transaction's connection; only what is shared with
  // the workspace waits, for the workspace.
  const { repositories, events, vibe, organization, orgRepositories } = await withUserTransaction(claims, async (tx) => {
    const workspace = getActiveOrganization(tx, { userId: claims.sub }).then(async (organization) => ({
      organization,
      // In an organization's workspace: what is shared with it, so each of the user's repositories can be shared or not.
      orgRepositories: organization ? await listOrganizationRepositories(tx, { userId: claims.sub, orgId: organization.id }) : [],
    }));
    const [repositories, events, vibe, shared] = await Promise.all([
      listRepositories(tx, { userId: claims.sub }),
      listEvents(tx, { userId: claims.sub }),
      getVibe(tx, { userId: claims.sub }),
      workspace,
    ]);
    return { repositories, events, vibe, ...shared };
  });
  const sharedIds = new Set(orgRepositories.map((repository) => repository.id));
  const canShare = organization !== null && organization.role !== 'member';
  const othersShared = orgRepositories.filter((repository) => !repository.mine);
  const webhookUrl = `${env.siteUrl}/webhooks/code-repo`;
  return (
    <section>
      <div className="section-head">
        <div>
          <h1>Integrations</h1>
          <p className="muted">GitHub events become suggestions from your cofounder: a merged pull request, a failed build, a new issue.</p>
        </div>
      </div>
      {vibe.autoSuggest ? null : (
        <p className="badge" role="note" data-testid="auto-suggest-off">
          Auto-suggest is off in your <Link href="/vibe">vibe</Link>, so deliveries are recorded and skipped rather than turned into suggestions.
        </p>
      )}
      <div className="grid">
        <article className="card stack" aria-labelledby="setup-title">
          <h2 id="setup-title">Set up the webhook in GitHub</h2>
          <p className="muted">In the repository, open Settings → Webhooks → Add webhook, and enter:</p>
          <dl className="stack tight">
            <dt>Payload URL</dt>
            <dd>
              <code data-testid="webhook-url">{webhookUrl}</code>
            </dd>
            <dt>Content type</dt>
            <dd>
              <code>application/json</code>
            </dd>
            <dt>Secret</dt>
            <dd>
              {env.CODE_REPO_WEBHOOK_SECRET
                ? 'The value of CODE_REPO_WEBHOOK_SECRET on this server (ask whoever runs it).'
                : 'None yet: this server has no CODE_REPO_WEBHOOK_SECRET, so it refuses deliveries until one is set.'}
            </dd>
            <dt>Events</dt>
            <dd>“Let me select individual events”: Pull requests, Workflow runs, Check suites and Issues.</dd>
          </dl>
        </article>
        <article className="card stack" aria-labelledby="repositories-title">
          <h2 id="repositories-title">Repositories</h2>
          <ConnectRepositoryForm />
          {repositories.length === 0 ? (
            <p className="empty">No repository connected yet.</p>
          ) : (
            <ul className="stack tight" data-testid="repositories">
              {repositories.map((repository) => (
                <li key={repository.id} className="row spread">
                  <span>
                    <strong>{repository.fullName}</strong>
                    <span className="muted">
                      {' '}
                      · {repository.lastEvent ? `last delivery ${when(repository.lastEvent.at)}, ${repository.lastEvent.status}` : 'no delivery yet'}
                    </span>
                  </span>
                  <span className="row">
                    {canShare ? (
                      <ShareRepositoryButton
                        orgId={organization.id}
                        orgName={organization.name}
                        repositoryId={repository.id}
                        fullName={repository.fullName}
                        shared={sharedIds.has(repository.id)}
                      />
                    ) : null}
                    <EventActionButton
                      path={`/api/repositories/${repository.id}`}
                      method="DELETE"
                      label="Disconnect"
                      busyLabel="Disconnecting…"
                      accessibleName={`Disconnect ${repository.fullName}`}
                    />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </article>
      </div>
      {organization ? (
        <article className="card stack" aria-labelledby="org-shared-title" data-testid="org-repositories">
          <h2 id="org-shared-title">Shared with {organization.name}</h2>
          {othersShared.length === 0 ? (
            <p className="empty">
              {canShare ? 'No other member has shared a repository yet. Share yours above.' : 'No repository is shared with this organization yet; its owners and admins share them.'}
            </p>
          ) : (
            <ul className="stack tight">
              {othersShared.map((repository) => (
                <li key={repository.id}>
                  <strong>{repository.fullName}</strong>
                </li>
              ))}
            </ul>
          )}
          <p className="muted">Their suggestions show on the dashboard for every member.</p>
        </article>
      ) : null}
      <article className="card" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Recent deliveries</h2>
        {events.length === 0 ? (
          <p className="empty">Nothing delivered yet. Once GitHub sends an event for a connected repository, it shows here.</p>
        ) : (
          <ol className="stack tight" data-testid="deliveries">
            {events.map((event) => (
              <li key={event.id} className="row spread" data-testid="delivery">
                <span className="stack tight">
                  <span>{describeEvent(event)}</span>
                  <span className="muted">
                    {when(event.createdAt)}
                    {event.reason ? ` · ${event.reason}` : ''}
                    {event.suggestion ? (
                      <>
                        {' · '}
                        <Link href={`/runs/${event.suggestion.runId}`}>the suggestion</Link>
                      </>
                    ) : null}
                  </span>
                </span>
                <span className="row">
                  <span className={`pill ${STATE_TONE[event.status]}`} data-testid="delivery-status">
                    {event.status}
                  </span>
                  {event.status === 'dead' ? (
                    <EventActionButton path={`/api/events/${event.id}/retry`} method="POST" label="Retry" busyLabel="Retrying…" accessibleName={`Retry: ${describeEvent(event)}`} />
                  ) : null}
                </span>
              </li>
            ))}
          </ol>
        )}
      </article>
    </section>
  );
}
