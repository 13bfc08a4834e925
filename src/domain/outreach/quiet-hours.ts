/**
 * Quiet hours: no outbound messages inside a daily window such as 21:30–08:30 (DESIGN.md §7). Times
 * are minutes of the merchant's local day; the caller converts instants (the domain has no clock).
 */

export const MINUTES_PER_DAY = 1440

/** A daily window [start, end) in minutes of the local day; it crosses midnight when end < start. */
export interface QuietWindow {
  start: number
  end: number
}

/** `21:30` → 1290; null for anything else. */
export function parseClockTime(text: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim())
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

/** `1290` → `21:30`. */
export function formatClockTime(minute: number): string {
  const m = ((Math.floor(minute) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

/** Whether `minute` (may carry a fraction for seconds) falls in the window; start = end means never. */
export function isQuiet(minute: number, window: QuietWindow): boolean {
  const { start, end } = window
  if (start === end) return false
  return start < end ? minute >= start && minute < end : minute >= start || minute < end
}

/** Minutes from `minute` until sending is allowed again: 0 outside the window. */
export function nextAllowed(minute: number, window: QuietWindow): number {
  if (!isQuiet(minute, window)) return 0
  return (window.end - minute + MINUTES_PER_DAY) % MINUTES_PER_DAY
}
