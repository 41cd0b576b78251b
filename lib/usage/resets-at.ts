/** The first instant after a monthly period that starts on `periodStart` ('YYYY-MM-DD', UTC). */
export function resetsAt(periodStart: string): string {
  const [year, month] = periodStart.split('-').map(Number) as [number, number];
  // Date.UTC rolls month 12 over into January of the next year.
  return new Date(Date.UTC(year, month, 1)).toISOString();
}
