import { countTokens as countCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';

/**
 * Token counts with the real BPE of the model's family, offline. Both encodings load at module
 * start (about 0.3 s once per server process) so that counting inside a request is synchronous
 * and fast. Models we cannot identify (other providers included) are counted with o200k_base,
 * the encoding of current OpenAI models, and the encoding used is reported with the count.
 */

export type TokenEncoding = 'o200k_base' | 'cl100k_base';

// gpt-4o, gpt-4.1, gpt-4.5, gpt-5(.x), the o-series and gpt-oss use o200k; gpt-4 (-turbo, -32k,
// dated snapshots), gpt-3.5 and the text-embedding models use cl100k.
const O200K = /^(?:chatgpt-4o|gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4)(?:[-.]|$)/;
const CL100K = /^(?:gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada-002)(?:-|$)/;

export function encodingForModel(model: string): TokenEncoding {
  // "openai/gpt-4o" (router style) names the same model as "gpt-4o".
  const name = model.trim().toLowerCase().split('/').at(-1) ?? '';
  if (O200K.test(name)) return 'o200k_base';
  if (CL100K.test(name)) return 'cl100k_base';
  return 'o200k_base';
}

// Special-token strings such as "<|endoftext|>" in user text are counted as the plain text they
// are; the library's default would throw on them.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// Recent counts, per encoding. The same texts come back run after run: a user's system prompt is
// the same until their profile, vibe or the atom library changes, and every follow-up recounts the
// conversation's earlier turns. Counting costs about a microsecond per character; a lookup, a hash
// of the string. Least recently used first out; long texts are counted, not kept.
const MEMO_ENTRIES = 512;
const MEMO_MAX_CHARACTERS = 32_000;
const memo: Record<TokenEncoding, Map<string, number>> = { o200k_base: new Map(), cl100k_base: new Map() };

export function countTokens(text: string, encoding: TokenEncoding): number {
  if (text.length === 0) return 0;
  const seen = memo[encoding];
  const known = seen.get(text);
  if (known !== undefined) {
    seen.delete(text);
    seen.set(text, known);
    return known;
  }
  const count = encoding === 'cl100k_base' ? countCl100k(text, PLAIN_TEXT) : countO200k(text, PLAIN_TEXT);
  if (text.length <= MEMO_MAX_CHARACTERS) {
    if (seen.size >= MEMO_ENTRIES) seen.delete(seen.keys().next().value!);
    seen.set(text, count);
  }
  return count;
}
