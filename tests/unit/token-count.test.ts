import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { countTokens } from '@/lib/assembly/token-count';

// Text whose two encodings give different counts, so a memo shared across encodings would show.
const TEXT = 'Schreiben Sie die Ankündigung unserer öffentlichen Beta für bestehende Kunden — 日本語のテキストも少し。';

describe('countTokens, remembered', () => {
  it('answers the library count for a text seen before, per encoding', () => {
    expect(o200k(TEXT)).not.toBe(cl100k(TEXT));
    for (let i = 0; i < 3; i++) {
      expect(countTokens(TEXT, 'o200k_base')).toBe(o200k(TEXT));
      expect(countTokens(TEXT, 'cl100k_base')).toBe(cl100k(TEXT));
    }
  });

  it('stays exact after far more distinct texts than it keeps, and for texts too long to keep', () => {
    const texts = Array.from({ length: 1200 }, (_, i) => `${'word '.repeat(i % 37)}${i} ${TEXT.slice(0, i % TEXT.length)}`);
    for (const text of texts) countTokens(text, 'o200k_base');
    for (const text of [...texts].reverse()) expect(countTokens(text, 'o200k_base')).toBe(o200k(text));
    const long = 'a long paragraph of prose. '.repeat(2000);
    expect(countTokens(long, 'o200k_base')).toBe(o200k(long));
    expect(countTokens(long, 'o200k_base')).toBe(o200k(long));
  });
});
