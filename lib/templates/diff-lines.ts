export interface DiffLine {
  op: 'equal' | 'insert' | 'delete';
  line: string;
}

export interface LineDiff {
  /** In order: the `equal` and `delete` lines are the old text, the `equal` and `insert` lines the new one. */
  lines: DiffLine[];
  /** 2·(equal lines) / (old lines + new lines); 1 when both are empty. */
  similarity: number;
}

/** Beyond this many edits the middle is reported as all removed then all added, which is still a correct diff. */
const MAX_EDITS = 1000;

const split = (text: string) => (text === '' ? [] : text.split('\n'));

/** Myers' O(ND) shortest edit script over the lines between a common prefix and suffix. */
function middle(a: string[], b: string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v for k in [-d-1, d+1] as it was before round d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, MAX_EDITS); d += 1) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return [...a.map((line): DiffLine => ({ op: 'delete', line })), ...b.map((line): DiffLine => ({ op: 'insert', line }))];
}

function backtrack(a: string[], b: string[], trace: Int32Array[]): DiffLine[] {
  const out: DiffLine[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const row = trace[d]!;
    const at = (k: number) => row[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: 'equal', line: a[x - 1]! });
      x -= 1;
      y -= 1;
    }
    if (d > 0) {
      if (x === prevX) out.push({ op: 'insert', line: b[y - 1]! });
      else out.push({ op: 'delete', line: a[x - 1]! });
    }
    x = prevX;
    y = prevY;
  }
  return out.reverse();
}

/** A line diff of two texts (split on "\n") and how similar they are. */
export function diffLines(before: string, after: string): LineDiff {
  const a = split(before);
  const b = split(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end += 1;
  const equal = (line: string): DiffLine => ({ op: 'equal', line });
  const lines = [
    ...a.slice(0, start).map(equal),
    ...middle(a.slice(start, a.length - end), b.slice(start, b.length - end)),
    ...a.slice(a.length - end).map(equal),
  ];
  const common = lines.filter((line) => line.op === 'equal').length;
  const total = a.length + b.length;
  return { lines, similarity: total === 0 ? 1 : (2 * common) / total };
}
