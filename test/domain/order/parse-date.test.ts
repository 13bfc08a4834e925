import { describe, expect, test } from 'vitest'
import { addDays, parseDate } from '../../../src/domain/order/parse-date.js'

const TODAY = '2026-11-23'

// 'bad' means a date-shaped text that names no real day (bad_date); null means no date at all.
const cases: Array<[string, string | 'bad' | null]> = [
  ['11.20', '2026-11-20'],
  ['11.23', '2026-11-23'],
  ['11.30', '2026-11-30'],
  ['12.05', '2025-12-05'],
  ['1.5', '2026-01-05'],
  ['11月20日', '2026-11-20'],
  ['11月20号', '2026-11-20'],
  ['11月20', '2026-11-20'],
  ['11 月 20 日', '2026-11-20'],
  ['十一月二十日', '2026-11-20'],
  ['十一月二十五号', '2026-11-25'],
  ['十二月一号', '2025-12-01'],
  ['12月25日', '2025-12-25'],
  ['11/20', '2026-11-20'],
  ['1/2', '2026-01-02'],
  ['2024-11-20', '2024-11-20'],
  ['2024/11/20', '2024-11-20'],
  ['2024.11.20', '2024-11-20'],
  ['2024年11月20日', '2024-11-20'],
  ['2024-2-29', '2024-02-29'],
  ['今天', '2026-11-23'],
  ['今日', '2026-11-23'],
  ['昨天', '2026-11-22'],
  ['昨日', '2026-11-22'],
  ['前天', '2026-11-21'],
  ['大前天', '2026-11-20'],
  ['2月30日', 'bad'],
  ['2月29日', 'bad'],
  ['4月31号', 'bad'],
  ['13月5日', 'bad'],
  ['2/30', 'bad'],
  ['2023-02-29', 'bad'],
  ['2024-13-01', 'bad'],
  ['11.32', 'bad'],
  ['13.5', 'bad'],
  ['13/5', null],
  ['明天', null],
  ['398', null],
  ['面膜', null],
  ['', null],
]

describe('parseDate', () => {
  test.each(cases)('%s → %s', (text, expected) => {
    const r = parseDate(text, TODAY)
    if (expected === null) expect(r).toBeNull()
    else if (expected === 'bad') expect(r).toMatchObject({ ok: false, error: { code: 'bad_date', blocking: true } })
    else expect(r).toEqual({ ok: true, value: expected })
  })

  test.each([
    ['2026-01-02', '1.1', '2026-01-01'],
    ['2026-01-02', '12.31', '2025-12-31'],
    ['2026-12-28', '1.3', '2026-01-03'],
    ['2028-03-01', '2月29日', '2028-02-29'],
  ])('on %s, %s → %s', (today, text, expected) => {
    expect(parseDate(text, today)).toEqual({ ok: true, value: expected })
  })

  test.each([
    ['2026-11-23', -1, '2026-11-22'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
  ] as Array<[string, number, string]>)('addDays(%s, %s) → %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
  })
})
