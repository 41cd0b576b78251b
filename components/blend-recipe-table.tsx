import type { BlendRecipeItem } from '@/lib/zod/schemas/assembly';

/** The atoms an assembly chose and why: the vibe page's live preview and a stored run's page. */
export function BlendRecipeTable({ items, label }: { items: BlendRecipeItem[]; label: string }) {
  return (
    <table className="recipe stack-on-phone" aria-label={label}>
      <thead>
        <tr>
          <th>Atom</th>
          <th>Why</th>
          <th>Weight</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-testid="recipe-row">
            <td data-label="Atom">{item.name}</td>
            <td data-label="Why">{item.reason}</td>
            <td data-label="Weight">{item.weight.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
