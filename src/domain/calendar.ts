/** Civil dates as whole day numbers, so date arithmetic never touches a clock or a timezone. */

const MS_PER_DAY = 86_400_000

/** `2026-11-23` → days since 1970-01-01. */
export function dayNumber(date: string): number {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY)
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}
