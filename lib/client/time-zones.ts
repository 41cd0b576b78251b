/** Time zones for the pickers: the runtime's IANA list, the same one the server validates against. */

let cached: string[] | undefined;

export function timeZones(): string[] {
  cached ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return cached;
}

/** The browser's own zone, when it is one of the list (some browsers report aliases). */
export function browserTimeZone(): string | null {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && timeZones().includes(zone) ? zone : null;
}

const normalize = (text: string) => text.toLowerCase().replace(/[\s_/-]+/g, ' ').trim();

/**
 * Zones matching what was typed, best first: a city that starts with it ("berl" → Europe/Berlin),
 * then any word that starts with it, then anything containing it. Spaces, underscores and
 * slashes count as the same, so "new york" finds America/New_York.
 */
export function searchTimeZones(query: string, zones: string[] = timeZones()): string[] {
  const wanted = normalize(query);
  if (!wanted) return zones;
  const ranked: { zone: string; rank: number }[] = [];
  for (const zone of zones) {
    const name = normalize(zone);
    const city = normalize(zone.slice(zone.lastIndexOf('/') + 1));
    let rank: number;
    if (city.startsWith(wanted)) rank = 0;
    else if (name.startsWith(wanted) || name.includes(` ${wanted}`)) rank = 1;
    else if (name.includes(wanted)) rank = 2;
    else continue;
    ranked.push({ zone, rank });
  }
  return ranked.sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone)).map(({ zone }) => zone);
}
