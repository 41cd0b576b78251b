import Link from 'next/link';
import { ImportExportPanel } from '@/components/templates/import-export-panel';
import { PresetsPanel } from '@/components/templates/presets-panel';
import styles from '@/components/templates/templates.module.css';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { MILESTONE_NAMES, MILESTONES, SECURITY_LEVELS, TEMPLATE_PRIORITIES, TEMPLATE_STACKS } from '@/lib/templates/catalog-schema';
import { cachedCatalog } from '@/lib/templates/cached-catalog';
import { listTemplatePresets } from '@/lib/templates/list-template-presets';
import { listTemplateShares } from '@/lib/templates/list-template-shares';
import { listTemplates } from '@/lib/templates/list-templates';
import { listTemplatesQuerySchema, TEMPLATE_SORTS, type TemplateSummary } from '@/lib/zod/schemas/templates';

export const metadata = { title: 'Templates · Venture Companion' };

const SORT_NAMES: Record<(typeof TEMPLATE_SORTS)[number], string> = { milestone: 'Build order', recommended: 'Recommended for you', popular: 'Most used' };
const PRIORITY_TONE: Record<string, string> = { critical: 'danger', high: 'warning', medium: '', low: '' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/**
 * The engineering template catalog: ten milestones in build order, searchable (name, description,
 * tags) and filtered by stack, priority and security level, or ranked for the caller's profile or
 * by use. A plain GET form, so filters live in the URL and work without JavaScript.
 */
export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const claims = await requireClaims('/templates');
  const params = await searchParams;
  const raw = {
    milestone: first(params.milestone),
    q: first(params.q),
    stack: first(params.stack),
    priority: first(params.priority),
    security: first(params.security),
    sort: first(params.sort),
  };
  const parsed = listTemplatesQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)));
  const query = parsed.success ? parsed.data : listTemplatesQuerySchema.parse({});
  const [{ templates }, presets, shares] = await withUserTransaction(claims, (tx) =>
    Promise.all([listTemplates(tx, { userId: claims.sub, query }), listTemplatePresets(tx, { userId: claims.sub }), listTemplateShares(tx, { userId: claims.sub })]),
  );
  const filtered = Boolean(query.milestone || query.q || query.stack || query.priority || query.security);

  const groups =
    query.sort === 'milestone'
      ? MILESTONES.map((milestone) => ({ id: milestone.id, name: milestone.name, items: templates.filter((template) => template.milestone === milestone.id) })).filter((group) => group.items.length > 0)
      : [{ id: query.sort, name: SORT_NAMES[query.sort], items: templates }];

  return (
    <section>
      <div className="section-head">
        <div>
          <h1>Templates</h1>
          <p className="muted">
            Engineering prompts for every stage of building a SaaS, from project setup to deployment. Customise one for your stack, then attach
            it to a task in the chat.
          </p>
        </div>
      </div>
      <form className={`card ${styles.filters}`} method="get" role="search" aria-label="Templates">
        <label className={styles.search}>
          Search
          <input type="search" name="q" defaultValue={query.q ?? ''} placeholder="Name, description or tag, e.g. rls, caching" maxLength={200} />
        </label>
        <label>
          Milestone
          <select name="milestone" defaultValue={query.milestone ?? ''}>
            <option value="">All</option>
            {MILESTONES.map((milestone) => (
              <option key={milestone.id} value={milestone.id}>
                {milestone.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Stack
          <select name="stack" defaultValue={query.stack ?? ''}>
            <option value="">Any</option>
            {TEMPLATE_STACKS.map((stack) => (
              <option key={stack} value={stack}>
                {stack}
              </option>
            ))}
          </select>
        </label>
        <label>
          Priority
          <select name="priority" defaultValue={query.priority ?? ''}>
            <option value="">Any</option>
            {TEMPLATE_PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {priority}
              </option>
            ))}
          </select>
        </label>
        <label>
          Security level
          <select name="security" defaultValue={query.security ?? ''}>
            <option value="">Any</option>
            {SECURITY_LEVELS.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </label>
        <label>
          Order
          <select name="sort" defaultValue={query.sort}>
            {TEMPLATE_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {SORT_NAMES[sort]}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <button type="submit" className="button">
            Show
          </button>
          {filtered || query.sort !== 'milestone' ? (
            <Link href="/templates" className="button secondary">
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      {shares.received.length > 0 ? (
        <article className="card stack" aria-labelledby="shared-with-you" data-testid="shared-with-you">
          <h2 id="shared-with-you">Shared with you</h2>
          <ul className="stack tight list-none p-0">
            {shares.received.map((share) => (
              <li key={share.id}>
                <Link href={share.link}>{share.templateName}</Link>{' '}
                <span className="muted">· {share.visibility === 'organization' ? `through ${share.sharedWith.orgName ?? 'an organization'}` : 'shared with you by name'}</span>
              </li>
            ))}
          </ul>
        </article>
      ) : null}
      <div className="grid">
        <details className="card" data-testid="presets-details">
          <summary>Presets: set the same values on many templates at once</summary>
          <PresetsPanel templates={cachedCatalog().list.map((template) => ({ id: template.id, name: template.name }))} presets={presets} />
        </details>
        <details className="card">
          <summary>Import or export your customisations (JSON, YAML, CSV)</summary>
          <ImportExportPanel />
        </details>
      </div>
      {parsed.success ? null : (
        <p className="error" role="alert">
          Some filters were not understood and were ignored: {parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`).join('; ')}.
        </p>
      )}
      <p className="muted" role="status" data-testid="template-count">
        {templates.length === 1 ? '1 template' : `${templates.length} templates`}
        {filtered ? ' match' : ''}.
      </p>
      {templates.length === 0 ? (
        <p className="empty">No template matches. Try fewer filters or another word.</p>
      ) : (
        groups.map((group) => (
          <div key={group.id} className={styles.milestone}>
            <h2>{group.name}</h2>
            <ul className={styles.catalog}>
              {group.items.map((template) => (
                <li key={template.id}>
                  <TemplateCard template={template} showMilestone={query.sort !== 'milestone'} />
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

function TemplateCard({ template, showMilestone }: { template: TemplateSummary; showMilestone: boolean }) {
  const { customization, rating } = template;
  return (
    <article className={`card ${styles.item}`} data-testid="template-card">
      <h3>
        <Link href={`/templates/${template.id}`}>{template.name}</Link>
      </h3>
      <p className="muted">{template.description}</p>
      <div className={styles.meta}>
        <span className={`pill ${PRIORITY_TONE[template.priority] ?? ''}`}>{template.priority} priority</span>
        <span className="pill">security: {template.securityLevel}</span>
        {showMilestone ? <span className="pill">{MILESTONE_NAMES.get(template.milestone)}</span> : null}
        {customization.state !== 'none' ? (
          <span className={`pill ${customization.state === 'enabled' ? 'success' : ''}`}>{customization.state === 'enabled' ? 'Customised' : 'Customised (off)'}</span>
        ) : null}
        {customization.behindUpstream ? <span className="pill accent">Update available</span> : null}
      </div>
      <p className="muted">
        {template.stacks.join(' · ')}
        <br />
        {template.uses === 1 ? '1 use' : `${template.uses} uses`}
        {rating.count > 0 ? ` · rated ${rating.average!.toFixed(1)} / 5 (${rating.count})` : ' · not rated yet'} · v{template.latestVersion}
      </p>
    </article>
  );
}
