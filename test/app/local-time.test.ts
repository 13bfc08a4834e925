import { describe, expect, it } from 'vitest'
import { isoOf, localDate } from '../../src/app/local-time.js'

describe('local time', () => {
  it.each([
    ['2026-11-22T15:59:59.000Z', '2026-11-22'],
    ['2026-11-22T16:00:00.000Z', '2026-11-23'],
  ])('%s is %s in Shanghai', (instant, date) => {
    expect(localDate(new Date(instant), 'Asia/Shanghai')).toBe(date)
  })

  it('gives the ISO string of whichever instant it is asked, also of a date changed in place', () => {
    const a = new Date('2026-11-23T02:00:00.000Z')
    const b = new Date('2026-11-24T03:00:00.000Z')
    expect([isoOf(a), isoOf(a), isoOf(b), isoOf(a)]).toEqual([a.toISOString(), a.toISOString(), b.toISOString(), a.toISOString()])
    a.setTime(b.getTime() + 1)
    expect(isoOf(a)).toBe('2026-11-24T03:00:00.001Z')
  })
})
