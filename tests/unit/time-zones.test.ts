import { describe, expect, it } from 'vitest';
import { searchTimeZones, timeZones } from '@/lib/client/time-zones';
import { updateProfileBodySchema } from '@/lib/zod/schemas/profile';

describe('time-zone search', () => {
  it.each([
    ['berl', 'Europe/Berlin'],
    ['BERLIN', 'Europe/Berlin'],
    ['new york', 'America/New_York'],
    ['new_york', 'America/New_York'],
    ['los', 'America/Los_Angeles'],
    ['europe/par', 'Europe/Paris'],
    ['utc', 'UTC'],
  ])('"%s" finds %s first', (query, zone) => {
    expect(searchTimeZones(query)[0]).toBe(zone);
  });

  it('ranks a city that starts with the text, then a word that does, then text inside a name', () => {
    const results = searchTimeZones('an');
    expect(results.indexOf('America/Anchorage')).toBeLessThan(results.indexOf('Asia/Bangkok'));
    expect(searchTimeZones('argentina')[0]).toMatch(/^America\/Argentina\//);
    expect(searchTimeZones('york')).toEqual(['America/New_York']);
  });

  it('lists every zone for empty text and none for text no zone contains', () => {
    expect(searchTimeZones('  ')).toEqual(timeZones());
    expect(searchTimeZones('atlantis')).toEqual([]);
  });

  it('offers only zones the server accepts, UTC first', () => {
    expect(timeZones()[0]).toBe('UTC');
    expect(new Set(timeZones()).size).toBe(timeZones().length);
    for (const timezone of timeZones()) expect(updateProfileBodySchema.safeParse({ timezone }).success, timezone).toBe(true);
  });
});
