/** The merchant's local calendar, from an instant and a timezone. */
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Local dates already worked out, by timezone and minute: every message asks for today's date. */
const dateCache = new Map<string, string>()

/** YYYY-MM-DD of `instant` in `tz`. */
export function localDate(instant: Date, tz: string): string {
  // A UTC offset only ever changes on a whole minute, so the date is the same all minute long.
  const key = `${tz}|${Math.floor(instant.getTime() / 60_000)}`
  let date = dateCache.get(key)
  if (date === undefined) {
    if (dateCache.size >= 4096) dateCache.clear()
    date = dayjs(instant).tz(tz).format('YYYY-MM-DD')
    dateCache.set(key, date)
  }
  return date
}

/** Minutes since local midnight of `instant` in `tz`, with seconds as a fraction (09:30:30 → 570.5). */
export function localMinuteOfDay(instant: Date, tz: string): number {
  const d = dayjs(instant).tz(tz)
  return d.hour() * 60 + d.minute() + d.second() / 60 + d.millisecond() / 60_000
}

/** The next local midnight after `instant` in `tz` (a day of 24 hours: off by the shift on DST days). */
export function nextLocalMidnight(instant: Date, tz: string): Date {
  return new Date(instant.getTime() + (1440 - localMinuteOfDay(instant, tz)) * 60_000)
}

/** `2026-11-23 10:00` of `instant` in `tz`. */
export function localDateTime(instant: Date, tz: string): string {
  return dayjs(instant).tz(tz).format('YYYY-MM-DD HH:mm')
}

let lastMs = Number.NaN
let lastIso = ''

/** `instant.toISOString()`, kept for the last instant asked: a message's use case asks for its own several times. */
export function isoOf(instant: Date): string {
  const ms = instant.getTime()
  if (ms !== lastMs) {
    lastIso = instant.toISOString()
    lastMs = ms
  }
  return lastIso
}
