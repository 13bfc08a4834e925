import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dateOfDay, dayNumber, daysBetween } from '../../src/domain/calendar.js'

describe('calendar', () => {
  it.each([
    ['1970-01-01', 0], ['1970-01-02', 1], ['1969-12-31', -1], ['2000-02-29', 11_016], ['2026-11-23', 20_780], ['1997-09-30', 10_134],
  ])('%s is day %i', (date, day) => {
    expect(dayNumber(date)).toBe(day)
    expect(dateOfDay(day)).toBe(date)
  })

  it('agrees with the JavaScript calendar on every day from 1900 to 2100', () => {
    fc.assert(fc.property(fc.integer({ min: -25_567, max: 47_482 }), (day) => {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10)
      expect(dayNumber(date)).toBe(day)
    }))
  })

  it('counts days between dates', () => {
    expect(daysBetween('1997-01-01', '1997-09-30')).toBe(272)
  })
})
