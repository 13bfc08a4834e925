import { describe, expect, test } from 'vitest'
import { amountProblem, fenToYuanString, formatFen, isTooLongForMoney, MAX_AMOUNT_FEN, parseMoney } from '../../src/domain/money.js'

const parses: Array<[string, number | null]> = [
  ['¥199', 19900],
  ['￥199', 19900],
  ['¥ 199', 19900],
  ['199元', 19900],
  ['199 元', 19900],
  ['199块', 19900],
  ['199块钱', 19900],
  ['199元整', 19900],
  ['199', 19900],
  ['199.5', 19950],
  ['199.50', 19950],
  ['199.500', 19950],
  ['0.01', 1],
  ['0.1', 10],
  ['1.15', 115],
  ['2,340', 234000],
  ['1,234,567.89', 123456789],
  ['¥1,234.50', 123450],
  ['1.5万', 1500000],
  ['1.1万', 1100000],
  ['3千', 300000],
  ['2w', 2000000],
  ['1.5W', 1500000],
  ['3k', 300000],
  ['一百九十九', 19900],
  ['一百九十九元', 19900],
  ['两千五', 250000],
  ['一万二', 1200000],
  ['三十五元', 3500],
  ['壹佰元', 10000],
  ['19块5', 1950],
  ['三块五', 350],
  ['十九块九毛', 1990],
  ['5毛', 50],
  ['RMB398', 39800],
  ['398rmb', 39800],
  ['０', 0],
  ['３９８元', 39800],
  ['', null],
  ['元', null],
  ['¥', null],
  ['abc', null],
  ['199.999', null],
  ['1.2.3', null],
  ['-5', null],
  ['12,34', null],
  ['面膜', null],
  ['2盒', null],
]

const formats: Array<[number, string]> = [
  [0, '¥0'],
  [1, '¥0.01'],
  [10, '¥0.10'],
  [39800, '¥398'],
  [39850, '¥398.50'],
  [123450, '¥1,234.50'],
  [100000000, '¥1,000,000'],
  [123456789, '¥1,234,567.89'],
  [-1230, '-¥12.30'],
]

describe('parseMoney', () => {
  test.each(parses)('%s → %s fen', (text, fen) => {
    expect(parseMoney(text)).toBe(fen)
  })
})

describe('formatFen', () => {
  test.each(formats)('%s fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text)
  })
})

describe('fenToYuanString', () => {
  test.each([[0, '0'], [39800, '398'], [39850, '398.50'], [5, '0.05'], [123456789, '1234567.89']] as Array<[number, string]>)(
    '%s fen → %s', (fen, text) => {
      expect(fenToYuanString(fen)).toBe(text)
    })
})

const bounds: Array<[number, ReturnType<typeof amountProblem>]> = [
  [1, null],
  [39800, null],
  [MAX_AMOUNT_FEN, null],
  [MAX_AMOUNT_FEN + 1, 'too_large'],
  [Number.MAX_SAFE_INTEGER + 2, 'too_large'],
  [Infinity, 'too_large'],
  [0, 'not_positive'],
  [-0, 'not_positive'],
  [-1, 'not_positive'],
  [-Infinity, 'not_positive'],
]

describe('amountProblem', () => {
  test.each(bounds)('%s fen → %s', (fen, problem) => {
    expect(amountProblem(fen)).toBe(problem)
  })
})

describe('isTooLongForMoney', () => {
  test.each([
    ['99999999999999999999', true],
    ['-99999999999999999999', true],
    ['12345678901234', true],
    ['1,000,000,000,000,000', true],
    ['90071992547409.93', true],
    ['1234567890123', false],
    ['9999999.99', false],
    ['1e30', false],
  ] as Array<[string, boolean]>)('%s → %s', (literal, tooLong) => {
    expect(isTooLongForMoney(literal)).toBe(tooLong)
  })
})
