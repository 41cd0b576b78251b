/** An instant as its UTC date in words: "December 31, 2026" (renewals, resets, cancellations). */
export function formatLongDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
