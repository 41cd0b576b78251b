import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CustomizeForm } from '@/components/templates/customize-form';
import { HistoryPanel } from '@/components/templates/history-panel';
import { PresetsPanel } from '@/components/templates/presets-panel';
import { RatingPanel } from '@/components/templates/rating-panel';
import { SharePanel } from '@/components/templates/share-panel';
import styles from '@/components/templates/templates.module.css';
import { UpstreamPanel } from '@/components/templates/upstream-panel';
import { ApiError } from '@/lib/api/errors';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { MILESTONE_NAMES } from '@/lib/templates/catalog-schema';
import { cachedCatalog } from '@/lib/templates/cached-catalog';
import { customizationContext } from '@/lib/templates/customization-context';
import { customizationHistory } from '@/lib/templates/customization-history';
import { getCustomization } from '@/lib/templates/get-customization';
import { getTemplate } from '@/lib/templates/get-template';
import { getTemplateAnalytics } from '@/lib/templates/get-template-analytics';
import { listTemplatePresets } from '@/lib/templates/list-template-presets';
import { listTemplateShares } from '@/lib/templates/list-template-shares';
import { templateIdParamsSchema } from '@/lib/zod/schemas/templates';

export const metadata = { title: 'Template · Venture Companion' };


/**
 * One template: what it is for, its variables and mega-prompt, and the caller's customisation
 * (form, preview, history with diff and restore, the move to a newer upstream version), with its
 * rating and how the runs that used it went.
 */
export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = templateIdParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const templateId = parsed.data.id;
  const claims = await requireClaims(`/templates/${templateId}`);
  const userId = claims.sub;
  const data = await withUserTransaction(claims, async (tx) => {
    // The template, its versions and the caller's customisation, read once for everything below.
    const context = await customizationContext(tx, { userId, templateId }).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'not_found') return null;
      throw error;
    });
    if (!context) return null;
    const customized = context.row !== null;
    const [detail, view, history, analytics, feedback, shares, presets] = await Promise.all([
      getTemplate(tx, { userId, templateId, context }),
      customized ? getCustomization(tx, { userId, templateId, context }) : Promise.resolve(null),
      customized ? customizationHistory(tx, { userId, templateId }) : Promise.resolve([]),
      getTemplateAnalytics(tx, { userId, templateId }),
      tx<{ comment: string }[]>`select comment from public.template_feedback where user_id = ${userId} and template_id = ${templateId}`,
      listTemplateShares(tx, { userId, templateId }),
      listTemplatePresets(tx, { userId }),
    ]);
    // The form edits a customisation on the version it was made on (a rebase moves it); a new one starts on the latest.
    return { detail, view, history, analytics, comment: feedback[0]?.comment ?? '', baseVariables: context.base.variables, shares, presets };
  });
  if (!data) notFound();
  const { detail, view, history, analytics, comment, baseVariables, shares, presets } = data;
  const { template, customization } = detail;
  const names = new Map(cachedCatalog().list.map((entry) => [entry.id, entry.name]));

  return (
    <section>
      <p className="muted">
        <Link href="/templates">Templates</Link> / {MILESTONE_NAMES.get(template.milestone)}
      </p>
      <div className="section-head">
        <div>
          <h1>{template.name}</h1>
          <p className="muted">{template.description}</p>
        </div>
        <Link href={`/chat?templates=${template.id}`} className="button secondary">
          Use in a task
        </Link>
      </div>
      <div className={styles.meta}>
        <span className="pill">{template.priority} priority</span>
        <span className="pill">security: {template.securityLevel}</span>
        <span className="pill">optimisation: {template.optimizationLevel}</span>
        <span className="pill">v{template.latestVersion}</span>
        {template.tags.map((tag) => (
          <span key={tag} className="pill accent">
            {tag}
          </span>
        ))}
      </div>
      <p className="muted">
        Suits {template.stacks.join(', ')}.
        {template.dependencies.length > 0 ? (
          <>
            {' '}
            Builds on{' '}
            {template.dependencies.map((dependency, index) => (
              <span key={dependency}>
                {index > 0 ? ', ' : ''}
                <Link href={`/templates/${dependency}`}>{names.get(dependency) ?? dependency}</Link>
              </span>
            ))}
            .
          </>
        ) : null}
      </p>
      {view?.upstream && customization ? <UpstreamPanel templateId={template.id} upstream={view.upstream} expectedVersion={customization.version} /> : null}
      <div className={styles.layout}>
        <div className="stack">
          <CustomizeForm
            key={customization ? `${customization.version}-${customization.baseVersion}` : 'new'}
            templateId={template.id}
            variables={baseVariables}
            customization={customization}
          />
          {customization && history.length > 0 ? <HistoryPanel key={customization.version} templateId={template.id} history={history} current={customization.version} /> : null}
          <details className="card">
            <summary>The template’s prompt (version {template.latestVersion})</summary>
            <pre className={styles.prompt} data-testid="mega-prompt">
              {template.megaPrompt}
            </pre>
          </details>
        </div>
        <div className="stack">
          {customization ? (
            <SharePanel key={customization.version} templateId={template.id} initial={shares} />
          ) : (
            <p className="card muted">Save a customisation to share it with a person, an organization or by a link.</p>
          )}
          <PresetsPanel
            templates={[...names].map(([id, name]) => ({ id, name }))}
            presets={presets}
            values={customization?.variables ?? {}}
            defaultTemplateIds={[template.id]}
          />
          <RatingPanel templateId={template.id} analytics={analytics} comment={comment} />
        </div>
      </div>
    </section>
  );
}
