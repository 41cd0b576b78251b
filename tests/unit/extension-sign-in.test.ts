import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pkceChallenge } from '@/lib/extension/pkce-challenge';

// The extension is plain JavaScript without types: its module is loaded by path.
const readable = path.resolve(import.meta.dirname, '../../extension/readable.js');
const { readPartial } = (await import(readable)) as { readPartial: (text: string) => Record<string, unknown> | null };

describe('pkceChallenge', () => {
  it('is S256 as RFC 7636 defines it (the RFC’s own example)', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
});

describe('the extension reading a typed answer while it streams', () => {
  const answer = { headline: 'Churn "doubled"\nafter the change', findings: ['Plans confuse people', 'Price \\ value'], recommendation: 'Write to every customer.' };
  const json = JSON.stringify(answer, null, 1);

  it('reads every cut of the JSON as an object whose text fields are beginnings of the real ones', () => {
    for (let end = 1; end <= json.length; end += 1) {
      const value = readPartial(json.slice(0, end));
      expect(value, `cut at ${end}: ${json.slice(0, end)}`).not.toBeNull();
      for (const [key, field] of Object.entries(value!)) {
        const real = answer[key as keyof typeof answer];
        if (typeof field === 'string') expect(typeof real === 'string' && real.startsWith(field), `${key} at ${end}`).toBe(true);
        else expect(Array.isArray(field) && Array.isArray(real), `${key} at ${end}`).toBe(true);
      }
    }
    expect(readPartial(json)).toEqual(answer);
  });

  it('leaves text that is not JSON to be shown as it is', () => {
    expect(readPartial('Plain words from a model that ignored the format.')).toBeNull();
  });
});
