/**
 * User-written text enters a prompt only through these two functions, and only by string
 * concatenation: it never passes through a template engine or a `replace` with `$` patterns,
 * so `{{secret}}`, `$&` or an atom-like marker stays exactly as typed.
 */

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 96) {
      run += 1;
      if (run > longest) longest = run;
    } else run = 0;
  }
  return longest;
}

/**
 * The text in a Markdown code fence longer than any backtick run inside it, so no line of the
 * text can close the block (CommonMark closes a fence only with at least as many backticks).
 */
export function fenceUserText(text: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}text\n${text}\n${fence}`;
}

/** A short, single-line user text as a JSON string literal: quotes and newlines are escaped. */
export function quoteUserText(text: string): string {
  return JSON.stringify(text);
}
