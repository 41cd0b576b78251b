import { formatLongDate } from '@/lib/client/format-long-date';
import type { Organization, OrgSuggestion } from '@/lib/zod/schemas/organizations';

/**
 * The dashboard in an organization's workspace: the newest suggestions made from the repositories
 * shared with it, read only (each stays its connector's to act on or dismiss).
 */
export function OrgSuggestions({ organization, suggestions }: { organization: Organization; suggestions: OrgSuggestion[] }) {
  return (
    <article className="card stack" aria-labelledby="org-suggestions-title" data-testid="org-suggestions">
      <h2 id="org-suggestions-title">Suggestions in {organization.name}</h2>
      {suggestions.length === 0 ? (
        <p className="empty">Nothing yet. Suggestions appear here once a repository shared with {organization.name} sends an event.</p>
      ) : (
        <ul className="stack tight list-none p-0">
          {suggestions.map((suggestion) => (
            <li key={suggestion.runId} className="org-member">
              <span className="org-member-who">
                <strong>{suggestion.headline ?? 'Suggestion'}</strong>
                {suggestion.excerpt ? <span>{suggestion.excerpt}</span> : null}
                <span className="muted">
                  {suggestion.repository} · {formatLongDate(suggestion.createdAt)}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
