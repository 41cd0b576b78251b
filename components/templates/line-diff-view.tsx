import styles from './templates.module.css';

export interface DiffLineView {
  op: 'equal' | 'insert' | 'delete';
  line: string;
}

const MARK = { equal: ' ', insert: '+', delete: '−' } as const;
const SPOKEN = { equal: '', insert: 'Added: ', delete: 'Removed: ' } as const;

/**
 * A line diff as a reader takes it in: removed lines struck and red, added ones green, unchanged
 * runs longer than a few lines folded to their first and last lines with a count between. Screen
 * readers hear "Added:" / "Removed:" before each changed line, not only a colour.
 */
export function LineDiffView({ lines, similarity, label }: { lines: DiffLineView[]; similarity: number; label: string }) {
  const rows = fold(lines);
  const changed = lines.filter((line) => line.op !== 'equal').length;
  return (
    <figure className={styles.diff} aria-label={label}>
      <figcaption className="muted">
        {changed === 0 ? 'No differences.' : `${changed} line${changed === 1 ? '' : 's'} changed.`} Similarity {Math.round(similarity * 100)}%.
      </figcaption>
      <pre className={styles.diffBody} data-testid="diff">
        {rows.map((row, index) =>
          row.kind === 'fold' ? (
            <span key={index} className={styles.fold}>
              {`  … ${row.count} unchanged line${row.count === 1 ? '' : 's'}\n`}
            </span>
          ) : (
            <span key={index} className={styles[row.line.op]} data-op={row.line.op}>
              <span className="sr-only">{SPOKEN[row.line.op]}</span>
              <span aria-hidden="true">{MARK[row.line.op]} </span>
              {row.line.line}
              {'\n'}
            </span>
          ),
        )}
      </pre>
    </figure>
  );
}

type Row = { kind: 'line'; line: DiffLineView } | { kind: 'fold'; count: number };
const CONTEXT = 2;

function fold(lines: DiffLineView[]): Row[] {
  const rows: Row[] = [];
  let index = 0;
  while (index < lines.length) {
    if (lines[index]!.op !== 'equal') {
      rows.push({ kind: 'line', line: lines[index]! });
      index += 1;
      continue;
    }
    let end = index;
    while (end < lines.length && lines[end]!.op === 'equal') end += 1;
    const run = lines.slice(index, end);
    const head = index === 0 ? 0 : CONTEXT;
    const tail = end === lines.length ? 0 : CONTEXT;
    if (run.length > head + tail + 1) {
      for (const line of run.slice(0, head)) rows.push({ kind: 'line', line });
      rows.push({ kind: 'fold', count: run.length - head - tail });
      for (const line of run.slice(run.length - tail)) rows.push({ kind: 'line', line });
    } else {
      for (const line of run) rows.push({ kind: 'line', line });
    }
    index = end;
  }
  return rows;
}
