import { describe, expect, test } from 'vitest'
import { parseChineseNumber } from '../../../src/domain/order/chinese-number.js'

const cases: Array<[string, number | null]> = [
  ['零', 0],
  ['〇', 0],
  ['一', 1],
  ['两', 2],
  ['十', 10],
  ['十二', 12],
  ['二十', 20],
  ['三十五', 35],
  ['九十九', 99],
  ['一百', 100],
  ['一百零五', 105],
  ['一百一十', 110],
  ['一百九十九', 199],
  ['三百五', 350],
  ['一千零五', 1005],
  ['两千五', 2500],
  ['两千五百', 2500],
  ['三千零二十', 3020],
  ['一万', 10000],
  ['一万二', 12000],
  ['一万二千', 12000],
  ['两万五千三百', 25300],
  ['十万', 100000],
  ['一百万', 1000000],
  ['三亿五千万', 350000000],
  ['一亿二', 120000000],
  ['壹佰贰拾叁', 123],
  ['叁仟肆佰伍拾陆', 3456],
  ['玖拾玖', 99],
  ['拾', 10],
  ['二零二四', 2024],
  ['一二三', 123],
  ['1.5万', 15000],
  ['3千', 3000],
  ['2百', 200],
  ['1万2', 12000],
  ['12万', 120000],
  ['0.5万', 5000],
  ['12', 12],
  ['1.25', 1.25],
  ['', null],
  ['   ', null],
  ['万', null],
  ['百', null],
  ['十百', null],
  ['五十三百', null],
  ['二两', null],
  ['三两', null],
  ['一万二万', null],
  ['abc', null],
  ['面膜', null],
  ['1.', null],
  ['.5', null],
  ['三十五元', null],
]

describe('parseChineseNumber', () => {
  test.each(cases)('%s → %s', (text, expected) => {
    expect(parseChineseNumber(text)).toBe(expected)
  })

  test.each([['三两'], ['一二']])('%s is no quantity without sequence reading', (text) => {
    expect(parseChineseNumber(text, { sequence: false })).toBeNull()
  })
})
