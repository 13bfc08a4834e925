/** Civil dates as whole day numbers, so date arithmetic never touches a clock or a timezone. */

const MS_PER_DAY = 86_400_000

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48

/**
 * `2026-11-23` → days since 1970-01-01, by plain arithmetic (the civil-date algorithm of Howard
 * Hinnant's "chrono-compatible low-level date algorithms"); this runs once per order in classification.
 */
export function dayNumber(date: string): number {
  let y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3)
  const m = digit(date, 5) * 10 + digit(date, 6)
  const d = digit(date, 8) * 10 + digit(date, 9)
  y -= m <= 2 ? 1 : 0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from)
}
