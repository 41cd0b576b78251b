import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CloneSharedButton } from '@/components/templates/clone-shared-button';
import styles from '@/components/templates/templates.module.css';
import { ApiError } from '@/lib/api/errors';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { readSharedCustomization } from '@/lib/templates/read-shared-customization';
import { idParamsSchema } from '@/lib/zod/schemas/template-sharing';
import { showTemplateValue } from '@/lib/templates/show-template-value';

export const metadata = { title: 'Shared customisation · Venture Companion' };


/**
 * A customisation someone shared with the caller, read-only: its values, instructions and the
 * prompt they render, with Clone to copy it into the caller's own. Anyone it is not shared with
 * (and a revoked share) gets the page's 404.
 */
export default async function SharedCustomizationPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const shareId = parsed.data.id;
  const claims = await requireClaims(`/templates/shared/${shareId}`);
  const shared = await withUserTransaction(claims, (tx) =>
    readSharedCustomization(tx, { userId: claims.sub, shareId }).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'not_found') return null;
      throw error;
    }),
  );
  if (!shared) notFound();
  const { view } = shared;
  const entries = Object.entries(view.snapshot.values);

  return (
    <section>
      <p className="muted">
        <Link href="/templates">Templates</Link> / <Link href={`/templates/${view.templateId}`}>{view.templateName}</Link> / shared
      </p>
      <div className="section-head">
        <div>
          <h1>{view.templateName}</h1>
          <p className="muted">
            Shared by {view.share.mine ? 'you' : (view.ownerName ?? 'another user')} · version {view.snapshot.version}
            {view.snapshot.baseVersion ? ` on template version ${view.snapshot.baseVersion}` : ''}
          </p>
        </div>
        <span className="pill">{view.share.visibility}</span>
      </div>
      <div className={styles.layout}>
        <div className="stack">
          <article className="card stack" aria-labelledby="shared-values">
            <h2 id="shared-values">Values</h2>
            {entries.length === 0 ? (
              <p className="muted">Every variable keeps its default.</p>
            ) : (
              <dl data-testid="shared-values">
                {entries.map(([name, value]) => (
                  <div key={name} className="row">
                    <dt>
                      {name}
                      {Object.hasOwn(view.snapshot.variables, name) ? '' : ' (default)'}
                    </dt>
                    <dd>{showTemplateValue(value)}</dd>
                  </div>
                ))}
              </dl>
            )}
            <h3>Custom instructions</h3>
            {view.snapshot.customInstructions.trim() === '' ? <p className="muted">None.</p> : <pre className={styles.prompt}>{view.snapshot.customInstructions}</pre>}
          </article>
          <details className="card" open>
            <summary>The prompt it renders</summary>
            {view.prompt === null ? (
              <p className="muted">The template version it was made on is no longer published.</p>
            ) : (
              <pre className={styles.prompt} data-testid="shared-prompt">
                {view.prompt}
              </pre>
            )}
          </details>
        </div>
        <div className="card stack">
          {view.share.mine ? (
            <p className="muted">This is your own customisation. Manage its shares on the template’s page.</p>
          ) : (
            <CloneSharedButton shareId={view.share.id} templateId={view.templateId} templateName={view.templateName} />
          )}
        </div>
      </div>
    </section>
  );
}
