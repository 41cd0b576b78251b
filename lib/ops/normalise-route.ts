const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^\d+$/;
// Other opaque values that sit in paths: an invitation's token (64 hex) and similar long hex ids.
const LONG_HEX = /^[0-9a-f]{24,}$/i;

/** A path with its ids replaced by `:id`, so `/api/runs/<uuid>` and `/api/runs/7` group as one route. */
export function normaliseRoute(path: string): string {
  const withoutQuery = path.split(/[?#]/, 1)[0] ?? '';
  const segments = withoutQuery.split('/').map((segment) => (UUID.test(segment) || NUMBER.test(segment) || LONG_HEX.test(segment) ? ':id' : segment));
  const joined = segments.join('/');
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined || '/';
}
