/**
 * Dollar amounts as people read them: cents, and "< $0.01" for the fractions of a cent most runs
 * cost (never "$0.0000", which reads as free). Exactly zero is "$0.00": the offline provider.
 */
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return '–';
  if (amount === 0) return dollars.format(0);
  if (amount < 0) return `-${formatUsd(-amount)}`;
  if (amount < 0.01) return '< $0.01';
  return dollars.format(amount);
}

/** The exact figure, for a tooltip next to formatUsd's rounded one. */
export function exactUsd(amount: number): string {
  return `$${amount.toFixed(9).replace(/0+$/, '').replace(/\.$/, '.00')}`;
}
