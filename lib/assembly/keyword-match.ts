/**
 * Whole-word, whole-phrase, case-insensitive keyword matching. Text and keywords are lowercased
 * and whitespace runs become one space, so "User  Story" matches "user story". A keyword matches
 * only where the characters around it are not word characters (letters, marks, digits or "_"),
 * so `pr` matches "open a PR." but not "product" or "pricing", and `ci` matches "CI/CD".
 */

const WORD_CHAR = /^[\p{L}\p{M}\p{N}_]$/u;
const NON_WORD_RUN = /[^\p{L}\p{M}\p{N}_]+/u;
const LEADING_WORD = /^[\p{L}\p{M}\p{N}_]*/u;
const WHITESPACE_RUN = /\s+/g;

export function normalizeForMatching(text: string): string {
  return text.toLowerCase().replace(WHITESPACE_RUN, ' ');
}

export interface KeywordForm {
  /** The keyword normalized like the text, without surrounding spaces ("" if nothing is left). */
  keyword: string;
  /** Its first word, or "" when it starts with punctuation. */
  leading: string;
}

/**
 * A library keyword in matching form. Keywords are usually stored lowercase ASCII already, so a
 * character scan confirms that and finds the first word without allocating; anything else goes
 * through the general Unicode path.
 */
export function keywordForm(raw: string): KeywordForm {
  let leadingEnd = -1;
  let simple = raw.length > 0 && raw.charCodeAt(0) !== 32 && raw.charCodeAt(raw.length - 1) !== 32;
  for (let i = 0; simple && i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    const isWord = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
    if (code >= 128 || (code >= 65 && code <= 90) || code < 32 || (code === 32 && raw.charCodeAt(i - 1) === 32)) simple = false;
    else if (!isWord && leadingEnd === -1) leadingEnd = i;
  }
  if (simple) return { keyword: raw, leading: leadingEnd === -1 ? raw : raw.slice(0, leadingEnd) };
  const keyword = normalizeForMatching(raw).trim();
  return { keyword, leading: leadingWord(keyword) };
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

/** The code point ending just before `index`, as a string (surrogate pairs kept whole). */
function charBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const code = text.charCodeAt(index - 1);
  if (code >= 0xdc00 && code <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index);
  }
  return text[index - 1];
}

function charAt(text: string, index: number): string | undefined {
  const point = text.codePointAt(index);
  return point === undefined ? undefined : String.fromCodePoint(point);
}

/** The first word of a normalized keyword ("" when it starts with punctuation). */
export function leadingWord(keyword: string): string {
  return LEADING_WORD.exec(keyword)![0];
}

/** The set of words in normalized text, used to skip keywords whose first word is absent. */
export function wordsOf(normalizedText: string): Set<string> {
  return new Set(normalizedText.split(NON_WORD_RUN));
}

/** The index of the first whole-phrase occurrence of `keyword` in `text`, or -1. Both normalized. */
export function findWholePhrase(text: string, keyword: string): number {
  if (keyword.length === 0) return -1;
  const needsStartBoundary = isWordChar(charAt(keyword, 0));
  const needsEndBoundary = isWordChar(charBefore(keyword, keyword.length));
  let from = 0;
  while (from <= text.length - keyword.length) {
    const index = text.indexOf(keyword, from);
    if (index === -1) return -1;
    const end = index + keyword.length;
    const startOk = !needsStartBoundary || !isWordChar(charBefore(text, index));
    const endOk = !needsEndBoundary || !isWordChar(charAt(text, end));
    if (startOk && endOk) return index;
    from = index + 1;
  }
  return -1;
}
