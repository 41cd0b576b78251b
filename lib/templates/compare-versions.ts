/** Orders semver strings (1.10.0 after 1.9.0); a string that is not semver sorts before every semver one. */
export function compareVersions(a: string, b: string): number {
  const parse = (version: string) => (/^\d+\.\d+\.\d+$/.test(version) ? version.split('.').map(Number) : null);
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0) || a.localeCompare(b);
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}
