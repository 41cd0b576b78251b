/**
 * The caller's IP address, for per-IP rate limits. Vercel's edge sets x-real-ip and overwrites
 * x-forwarded-for with the client's address, so neither can be forged there; a self-hosted
 * deployment must sit behind a proxy that does the same (next start trusts whatever arrives).
 */
export function clientIp(headers: Headers): string {
  const real = headers.get('x-real-ip')?.trim();
  if (real) return real.slice(0, 64);
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded.slice(0, 64);
  return 'unknown';
}
