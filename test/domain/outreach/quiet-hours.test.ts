import { describe, expect, it } from 'vitest'
import { formatClockTime, isQuiet, nextAllowed, parseClockTime } from '../../../src/domain/outreach/quiet-hours.js'

const night = { start: 21 * 60 + 30, end: 8 * 60 + 30 } // 21:30–08:30, across midnight
const noon = { start: 12 * 60, end: 14 * 60 } // 12:00–14:00, within one day
const at = (hhmm: string): number => parseClockTime(hhmm)!

describe('quiet hours', () => {
  it.each([
    // time, quiet at night?, minutes to wait
    ['21:29', false, 0],
    ['21:30', true, 660],
    ['23:59', true, 511],
    ['00:00', true, 510],
    ['03:15', true, 315],
    ['08:29', true, 1],
    ['08:30', false, 0],
    ['12:00', false, 0],
  ])('21:30–08:30 at %s: quiet %s, wait %i min', (time, quiet, wait) => {
    expect(isQuiet(at(time), night)).toBe(quiet)
    expect(nextAllowed(at(time), night)).toBe(wait)
  })

  it.each([
    ['11:59', false, 0], ['12:00', true, 120], ['13:59', true, 1], ['14:00', false, 0], ['23:00', false, 0],
  ])('12:00–14:00 at %s: quiet %s, wait %i min', (time, quiet, wait) => {
    expect(isQuiet(at(time), noon)).toBe(quiet)
    expect(nextAllowed(at(time), noon)).toBe(wait)
  })

  it('keeps seconds as a fraction of a minute, and a window with start = end is never quiet', () => {
    expect(nextAllowed(8 * 60 + 29.5, night)).toBeCloseTo(0.5)
    expect(isQuiet(600, { start: 600, end: 600 })).toBe(false)
  })

  it.each([
    ['21:30', 1290], ['8:30', 510], ['00:00', 0], ['23:59', 1439], ['24:00', null], ['21:60', null], ['2130', null], ['', null],
  ])('parses %j as %j', (text, minute) => {
    expect(parseClockTime(text)).toBe(minute)
  })

  it('formats minutes back to a clock time', () => {
    expect(formatClockTime(1290)).toBe('21:30')
    expect(formatClockTime(1440 + 5)).toBe('00:05')
  })
})
