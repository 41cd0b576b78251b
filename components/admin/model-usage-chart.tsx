import { exactUsd, formatUsd } from '@/lib/client/format-money';
import type { AdminRunAnalytics } from '@/lib/zod/schemas/admin';
import styles from './admin.module.css';

const WIDTH = 300;
const ROW = 18;

/**
 * Tokens per model as horizontal bars, drawn on the server like the billing charts; the label sums
 * the picture up, and the figures (runs, tokens, cost) are in the table below it.
 */
export function ModelUsageChart({ models }: { models: AdminRunAnalytics['models'] }) {
  if (models.length === 0) return <p className="muted">No runs in these days.</p>;
  const max = Math.max(0, ...models.map((model) => model.tokens));
  const top = models.reduce((best, model) => (model.tokens > best.tokens ? model : best), models[0]!);
  const summary = `Tokens per model: ${models.length} model${models.length === 1 ? '' : 's'}, most on ${top.model} (${top.tokens.toLocaleString('en-US')} tokens).`;
  const height = models.length * ROW;
  return (
    <figure className={styles.modelChart} data-testid="admin-models">
      <figcaption className={styles.chartHead}>Tokens per model</figcaption>
      <div className={styles.modelRows}>
        <ul className={styles.modelNames} aria-hidden="true">
          {models.map((model) => (
            <li key={model.model}>{model.model}</li>
          ))}
        </ul>
        <svg viewBox={`0 0 ${WIDTH} ${height}`} preserveAspectRatio="none" role="img" aria-label={summary} className={styles.modelBars} style={{ height: `${models.length * 1.5}rem` }}>
          {models.map((model, index) => {
            const width = max > 0 ? Math.max(model.tokens > 0 ? 2 : 0, (model.tokens / max) * WIDTH) : 0;
            return <rect key={model.model} x="0" y={index * ROW + 3} width={width} height={ROW - 6} rx="1" />;
          })}
        </svg>
      </div>
      <table className="stack-on-phone" aria-label="Runs, tokens and cost per model">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className={styles.numeric}>Runs</th>
            <th scope="col" className={styles.numeric}>Tokens</th>
            <th scope="col" className={styles.numeric}>Cost</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr key={model.model} data-testid="admin-model-row">
              <td data-label="Model">{model.model}</td>
              <td data-label="Runs" className={styles.numeric}>{model.runs.toLocaleString('en-US')}</td>
              <td data-label="Tokens" className={styles.numeric}>{model.tokens.toLocaleString('en-US')}</td>
              <td data-label="Cost" className={styles.numeric} title={exactUsd(model.costUsd)}>
                {formatUsd(model.costUsd)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
