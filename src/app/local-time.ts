/** The merchant's local calendar, from an instant and a timezone. */
import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'

dayjs.extend(utc)
dayjs.extend(timezone)

/** YYYY-MM-DD of `instant` in `tz`. */
export function localDate(instant: Date, tz: string): string {
  return dayjs(instant).tz(tz).format('YYYY-MM-DD')
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
