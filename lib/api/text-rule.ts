/**
 * The one rule every piece of text from a request passes before it reaches the database:
 * PostgreSQL cannot store NUL in text (22021) nor a lone UTF-16 surrogate or NUL escape in jsonb
 * (22P05), so either would otherwise surface as a 500. Also bounds nesting, which no schema here
 * needs deeper than a few levels and which costs recursion everywhere it is walked.
 */

export const MAX_JSON_DEPTH = 32;

export type TextProblem = { path: string; reason: 'nul' | 'surrogate' | 'depth'; maxDepth?: number };

const NUL = /\u0000/;
// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(value: string): TextProblem['reason'] | null {
  if (NUL.test(value)) return 'nul';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  return null;
}

function describe(path: (string | number)[]): string {
  return path.length === 0 ? 'body' : path.join('.');
}

/** A string (value or object key) that breaks the rule, or a nesting deeper than maxDepth; null if none. */
export function findTextProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): TextProblem | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const reason = textProblem(current);
      if (reason) return { path: describe(path), reason };
    } else if (typeof current === 'object' && current !== null) {
      if (path.length >= maxDepth) return { path: describe(path), reason: 'depth', maxDepth };
      if (Array.isArray(current)) {
        current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      } else {
        for (const [key, item] of Object.entries(current)) {
          const reason = textProblem(key);
          if (reason) return { path: describe([...path, key.replace(/[\u0000-\u001f\uD800-\uDFFF]/g, '?')]), reason };
          stack.push({ value: item, path: [...path, key] });
        }
      }
    }
  }
  return null;
}

export function textProblemMessage(problem: TextProblem): string {
  switch (problem.reason) {
    case 'nul':
      return `${problem.path}: must not contain NUL (\\u0000) characters`;
    case 'surrogate':
      return `${problem.path}: must be valid Unicode text (it contains an unpaired surrogate)`;
    case 'depth':
      return `${problem.path}: nested more than ${problem.maxDepth ?? MAX_JSON_DEPTH} levels deep`;
  }
}
