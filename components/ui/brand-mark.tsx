/** The Venture Companion mark: the same drawing as app/icon.svg, in the accent colour. */
export function BrandMark() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--color-accent)" />
      <path d="M8 12l8 12 8-12" fill="none" stroke="var(--color-accent-fg)" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="24" cy="6.5" r="2" fill="var(--color-accent-fg)" />
    </svg>
  );
}
