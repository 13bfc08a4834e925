/** Low-level readers for numbers in chat text: Arabic literals, Chinese numeral runs, money suffixes. */

import { isNumeralChar } from './chinese-number.js'
import { createWordIndex, longestWordAt, MONEY_SUFFIXES } from './lexicon.js'

const MONEY_INDEX = createWordIndex(MONEY_SUFFIXES, true)
const MAX_NUMERAL_RUN = 12

/** True for an ASCII digit. */
export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9'
}

/** True for a Latin letter or a CJK character (the things that glue a number to a word). */
export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z\u3400-\u9fff]/.test(ch)
}

export interface Literal {
  raw: string
  end: number
  plain: boolean
}

/** Digits with optional thousands commas and decimals; `plain` when it has neither. */
export function readArabic(s: string, i: number): Literal | null {
  let j = i
  while (isDigit(s[j])) j++
  if (j === i) return null
  let plain = true
  if (j - i <= 3) {
    while (s[j] === ',' && isDigit(s[j + 1]) && isDigit(s[j + 2]) && isDigit(s[j + 3]) && !isDigit(s[j + 4])) {
      j += 4
      plain = false
    }
  }
  if (s[j] === '.' && isDigit(s[j + 1])) {
    j++
    while (isDigit(s[j])) j++
    plain = false
  }
  return { raw: s.slice(i, j), end: j, plain }
}

/** A run of Chinese numeral characters, at most 12 long. */
export function readNumeralRun(s: string, i: number): Literal | null {
  let j = i
  while (j < s.length && j - i < MAX_NUMERAL_RUN && isNumeralChar(s[j])) j++
  return j === i ? null : { raw: s.slice(i, j), end: j, plain: true }
}

/** End of the money suffix after a number: multiplier (万 千 w k), unit (元 块), and colloquial jiao (`19块5`). */
export function moneyTailEnd(s: string, j: number, allowMultiplier = true): { end: number, marked: boolean } {
  let k = j
  let marked = false
  const c = s[k]
  const multiplier = allowMultiplier && (c === '万' || (c === '千' && s[k + 1] !== '克') ||
    ((c === 'w' || c === 'W' || c === 'k' || c === 'K') && !/[A-Za-z]/.test(s[k + 1] ?? '')))
  if (multiplier) {
    k++
    marked = true
  }
  const suffix = longestWordAt(MONEY_INDEX, s, k)
  if (suffix !== null) {
    k += suffix.length
    marked = true
    if ((suffix === '块' || suffix === '元') && /[0-9一二两三四五六七八九]/.test(s[k] ?? '') && !isDigit(s[k + 1])) {
      k++
      if (s[k] === '毛' || s[k] === '角') k++
    }
  }
  return { end: k, marked }
}
