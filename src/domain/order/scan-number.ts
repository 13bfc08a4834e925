/** Reads what a number at a position of chat text is: money, quantity, spec, unit price, date or phone. */

import { decimalToFenOrNull, isTooLongForMoney, parseMoney } from '../money.js'
import { isNumeralUnitChar, parseChineseNumber } from './chinese-number.js'
import type { WordIndex } from './lexicon.js'
import { createWordIndex, longestWordAt, MEASURES, OTHER_SUFFIXES } from './lexicon.js'
import type { Literal } from './read-literal.js'
import { isDigit, isWordChar, moneyTailEnd, readArabic, readNumeralRun } from './read-literal.js'
import { bareMonthDay, matchDateAt } from './parse-date.js'
import type { Match } from './token.js'

const MEASURE_INDEX = createWordIndex(MEASURES, true)
const OTHER_INDEX = createWordIndex(OTHER_SUFFIXES)
const MOBILE = /^(?:86)?(1[3-9]\d{9})$/

/** An amount right after a keyword or symbol (`定金100`, `¥ 597`, `@199`, `单价:99`). */
export function readAmountAfter(s: string, j: number, allowSpace: boolean): { fen: number, end: number } | null {
  let k = j
  if (s[k] === ':') k++
  if (s[k] === ' ' && (allowSpace || k > j)) k++
  if (s[k] === '¥') k++
  const lit = readArabic(s, k) ?? readNumeralRun(s, k)
  if (lit === null || lit.raw.length > 16) return null
  const tail = moneyTailEnd(s, lit.end)
  const fen = parseMoney(s.slice(k, tail.end))
  return fen === null ? null : { fen, end: tail.end }
}

/** A count with an optional unit (`3`, `3瓶`, `一盒`), as after `×`, `*` or `各`. */
export function readCount(s: string, j: number, units: WordIndex): { n: number, unit: string | null, end: number } | null {
  const lit = readArabic(s, j) ?? readNumeralRun(s, j)
  if (lit === null || lit.raw.length > 9) return null
  const n = parseChineseNumber(lit.raw.replaceAll(',', ''), { sequence: false })
  if (n === null) return null
  const unit = longestWordAt(units, s, lit.end)
  return { n, unit, end: lit.end + (unit?.length ?? 0) }
}

function specTail(s: string, start: number, k: number, units: WordIndex): Match {
  let end = k
  let n: number | null = null
  let unit: string | null = null
  if ('*xX'.includes(s[end] ?? '?') && isDigit(s[end + 1])) {
    const count = readCount(s, end + 1, units)
    if (count) {
      n = count.n
      unit = count.unit
      end = count.end
    }
  } else if (s[end] === '/' && longestWordAt(units, s, end + 1)) {
    end += 1 + (longestWordAt(units, s, end + 1) as string).length
  }
  if (s[end] === '装') end++
  const spec = s.slice(start, end)
  // `500g*2袋` alone is 2 袋 of 500g; the caller keeps `600ml*24瓶` whole when a quantity follows.
  return { body: { kind: 'spec', spec, n, unit }, end }
}

function mulTail(s: string, start: number, first: Literal, k: number): Match | null {
  const second = readArabic(s, s[k + 1] === ' ' ? k + 2 : k + 1)
  if (second === null || second.raw.length > 9) return null
  const a = parseMoney(first.raw)
  const b = parseMoney(second.raw)
  if (a === null || b === null) return null
  let end = second.end
  let totalFen: number | null = null
  const eq = s[end] === '=' ? end + 1 : s[end] === ' ' && s[end + 1] === '=' ? end + 2 : -1
  if (eq > 0) {
    const total = readAmountAfter(s, eq, true)
    if (total) {
      totalFen = total.fen
      end = total.end
    }
  }
  // `99*2=198` carries no units: the larger number is the price, the smaller the quantity.
  const priceFen = Math.max(a, b)
  const qty = Math.min(a, b) / 100
  return { body: { kind: 'mul', priceFen, qty, totalFen, raw: s.slice(start, end) }, end: Math.max(end, start + 1) }
}

/** A unit at `k`; after a space (`2 盒`) only when it stands alone, so `11.20 张三` is no 11.2 张. */
function unitAt(s: string, numberEnd: number, k: number, units: WordIndex): string | null {
  const unit = longestWordAt(units, s, k)
  if (unit === null || k === numberEnd) return unit
  return isWordChar(s[k + unit.length]) ? null : unit
}

/** A number too long for money: a refused amount where money is written, otherwise nothing (an ID, a card number). */
function hugeOrJunk(s: string, lit: Literal): Match {
  if (!isTooLongForMoney(lit.raw)) return { body: { kind: 'junk' }, end: lit.end }
  const tail = moneyTailEnd(s, lit.end)
  return { body: { kind: 'huge', raw: lit.raw, marked: tail.marked }, end: tail.end }
}

/** Classifies the Arabic number starting at `i`. */
export function scanNumber(s: string, i: number, today: string, units: WordIndex): Match | null {
  if (s[i - 1] === '第') {
    const lit = readArabic(s, i) as Literal
    return { body: { kind: 'junk' }, end: lit.end }
  }
  let d = i
  while (isDigit(s[d])) d++
  const date = '-/.年月 '.includes(s[d] ?? '?') ? matchDateAt(s, i, today) : null
  if (date) return { body: 'date' in date ? { kind: 'date', date: date.date } : { kind: 'bad-date', raw: date.bad }, end: date.end }
  const lit = readArabic(s, i) as Literal
  if (lit.raw.length > 15) return hugeOrJunk(s, lit)
  if (lit.plain && lit.raw.length >= 10 && lit.raw.length <= 13) {
    const m = MOBILE.exec(lit.raw)
    return { body: m ? { kind: 'phone', phone: m[1] as string } : { kind: 'bad-phone', raw: lit.raw }, end: lit.end }
  }
  const k = s[lit.end] === ' ' ? lit.end + 1 : lit.end
  const measure = longestWordAt(MEASURE_INDEX, s, k)
  if (measure !== null && !/[A-Za-z]/.test(s[k + measure.length] ?? '')) return specTail(s, i, k + measure.length, units)
  // `398元` and `398 元`, but `398 万达广场` is no 398万.
  const tail = moneyTailEnd(s, k, k === lit.end)
  if (tail.marked) {
    const fen = parseMoney(s.slice(i, tail.end))
    if (fen === null) return k === lit.end && isTooLongForMoney(lit.raw) ? hugeOrJunk(s, lit) : { body: { kind: 'junk' }, end: tail.end }
    const unit = s[tail.end] === '/' ? longestWordAt(units, s, tail.end + 1) : null
    if (unit !== null) return { body: { kind: 'price', fen }, end: tail.end + 1 + unit.length }
    return { body: { kind: 'money', fen, marked: true, raw: s.slice(i, tail.end), monthDay: null }, end: tail.end }
  }
  const other = longestWordAt(OTHER_INDEX, s, lit.end)
  // 茅台53度, 3天: a number that describes something; glued to a word it is part of that word.
  if (other !== null) return isWordChar(s[i - 1]) ? null : { body: { kind: 'junk' }, end: lit.end + other.length }
  const n = Number(lit.raw.replaceAll(',', ''))
  const unit = unitAt(s, lit.end, k, units)
  if (unit !== null) {
    if (s[k + unit.length] === '装') return { body: { kind: 'spec', spec: s.slice(i, k + unit.length + 1), n: null, unit: null }, end: k + unit.length + 1 }
    return { body: { kind: 'qty', n, unit }, end: k + unit.length }
  }
  if (s[lit.end] === '/' && longestWordAt(units, s, lit.end + 1) !== null) {
    const fen = parseMoney(lit.raw)
    const u = longestWordAt(units, s, lit.end + 1) as string
    if (fen !== null) return { body: { kind: 'price', fen }, end: lit.end + 1 + u.length }
  }
  if ('*xX'.includes(s[k] ?? '?') && (isDigit(s[k + 1]) || (s[k + 1] === ' ' && isDigit(s[k + 2])))) {
    const mul = mulTail(s, i, lit, k)
    if (mul) return mul
  }
  if (isWordChar(s[lit.end]) && /[A-Za-z]/.test(s[lit.end] as string)) return null
  const fen = decimalToFenOrNull(lit.raw)
  if (fen === null) return hugeOrJunk(s, lit)
  const monthDay = lit.raw.includes('.') ? bareMonthDay(lit.raw, today) : null
  return { body: { kind: 'money', fen, marked: false, raw: lit.raw, monthDay }, end: lit.end }
}

/**
 * Where plain text ends when the numeral at `i` is no token: the whole run when nothing after it could make
 * a shorter tail of it a quantity or money (`十全大补`), else just this character (`张三两盒`).
 */
export function plainNumeralEnd(s: string, i: number, units: WordIndex): number {
  const run = readNumeralRun(s, i) as Literal
  const k = s[run.end] === ' ' ? run.end + 1 : run.end
  const tailFollows = unitAt(s, run.end, k, units) !== null || moneyTailEnd(s, run.end).marked
  return tailFollows ? i + 1 : run.end
}

/** Classifies the Chinese numeral starting at `i` (`两盒`, `三十五元`, `两千五`), or null when it is just text. */
export function scanNumeral(s: string, i: number, units: WordIndex): Match | null {
  const run = readNumeralRun(s, i) as Literal
  const k = s[run.end] === ' ' ? run.end + 1 : run.end
  const unit = unitAt(s, run.end, k, units)
  if (unit !== null) {
    const n = parseChineseNumber(run.raw, { sequence: false })
    return n === null ? null : { body: { kind: 'qty', n, unit }, end: k + unit.length }
  }
  const tail = moneyTailEnd(s, run.end)
  if (tail.marked) {
    const fen = parseMoney(s.slice(i, tail.end))
    return fen === null ? null : { body: { kind: 'money', fen, marked: true, raw: s.slice(i, tail.end), monthDay: null }, end: tail.end }
  }
  const standsAlone = !isWordChar(s[i - 1]) && !isWordChar(s[run.end])
  if (!standsAlone || ![...run.raw].some(isNumeralUnitChar)) return null
  const fen = parseMoney(run.raw)
  return fen === null ? null : { body: { kind: 'money', fen, marked: false, raw: run.raw, monthDay: null }, end: run.end }
}
