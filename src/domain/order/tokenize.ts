/** Splits one normalised chat segment into tokens: text, quantities, specs, money, dates, phones, keywords. */

import type { PaymentState } from './draft.js'
import type { Match, Token, TokenBody } from './token.js'
import { isNumeralChar, NUMERAL_CHARS } from './chinese-number.js'
import { matchDateAt } from './parse-date.js'
import { isDigit } from './read-literal.js'
import { plainNumeralEnd, readAmountAfter, readCount, scanNumber, scanNumeral } from './scan-number.js'
import { createWordIndex, longestWordAt, ORDER_PREFIXES, PAY_WORDS, TOTAL_WORDS, UNITS } from './lexicon.js'

export type { Match, Token, TokenBody } from './token.js'


const SEPARATORS = new Set([...',、+;。!?~|()[]{}【】“”"\'…:《》<>/\\=&'])
const PAY_INDEX = createWordIndex(PAY_WORDS.keys())
const TOTAL_INDEX = createWordIndex(TOTAL_WORDS)
const PREFIX_INDEX = createWordIndex(ORDER_PREFIXES)
const UNIT_INDEX = createWordIndex(UNITS)
// `150-3569-6956`, `150 3569 6956`, `+86 138 0013 8000`: joined into plain digits before scanning.
const SPACED_PHONE = /(?<![\d-])(?:\+?86[- ]?)?(1\d{2})[- ]?(\d{4})[- ]?(\d{4})(?![\d-])/g
const DATE_STARTS = new Set(['今', '昨', '前', '大'])
// Characters that can begin a token; every other character is plain text (keeps long texts fast).
const TRIGGERS = new Set([
  ...'0123456789¥$@*xX各单 \n', ...SEPARATORS, ...DATE_STARTS, ...NUMERAL_CHARS,
  ...[...PAY_WORDS.keys(), ...TOTAL_WORDS, ...ORDER_PREFIXES].map((w) => w[0] as string),
])

function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z]/.test(ch)
}

function matchPrefix(s: string, i: number): Match | null {
  if (i > 0 && !'[【#('.includes(s[i - 1] as string)) return null
  const w = longestWordAt(PREFIX_INDEX, s, i)
  if (w === null) return null
  let end = i + w.length
  while (end < s.length && ']】):'.includes(s[end] as string)) end++
  return { body: { kind: 'prefix' }, end }
}

function matchPay(s: string, i: number): Match | null {
  const w = longestWordAt(PAY_INDEX, s, i)
  if (w === null) return null
  const state = PAY_WORDS.get(w) as PaymentState
  const end = i + w.length
  if (state === 'paid' || state === 'deposit') {
    // 定金100 / 已付:398 — the amount belongs to the word; `已付 398` stays a separate amount.
    const amount = readAmountAfter(s, end, state === 'deposit')
    if (amount) return { body: { kind: 'pay', state, fen: amount.fen }, end: amount.end }
  }
  return { body: { kind: 'pay', state, fen: null }, end }
}

function matchTotal(s: string, i: number): Match | null {
  const w = longestWordAt(TOTAL_INDEX, s, i)
  if (w === null) return null
  let end = i + w.length
  if (s[end] === ':') end++
  const next = s[end] === ' ' ? s[end + 1] : s[end]
  const numberFollows = isDigit(next) || next === '¥' || isNumeralChar(next)
  if (w === '共' && !numberFollows) return null
  // 总186 opens a total; 王总 is a form of address, 总部 a word.
  if (w === '总' && (!numberFollows || /[\u4e00-\u9fff]/u.test(s[i - 1] ?? ''))) return null
  return { body: { kind: 'total' }, end }
}

function matchKeyword(s: string, i: number, today: string): Match | null {
  const ch = s[i] as string
  if (DATE_STARTS.has(ch) || isNumeralChar(ch)) {
    const d = matchDateAt(s, i, today)
    if (d) return { body: 'date' in d ? { kind: 'date', date: d.date } : { kind: 'bad-date', raw: d.bad }, end: d.end }
  }
  const prefix = matchPrefix(s, i)
  if (prefix) return prefix
  const pay = matchPay(s, i)
  if (pay) return pay
  const total = matchTotal(s, i)
  if (total) return total
  if (ch === '各') {
    const count = readCount(s, i + 1, UNIT_INDEX)
    if (count) return { body: { kind: 'each', n: count.n, unit: count.unit }, end: count.end }
  }
  if (s.startsWith('单价', i)) {
    const amount = readAmountAfter(s, i + 2, true)
    if (amount) return { body: { kind: 'price', fen: amount.fen }, end: amount.end }
  }
  return null
}

function matchSymbol(s: string, i: number): Match | null {
  const ch = s[i] as string
  if (ch === '¥' || ch === '$' || ch === '@') {
    const amount = readAmountAfter(s, i + 1, true)
    if (amount === null) return { body: { kind: 'sep', char: ch }, end: i + 1 }
    const body: TokenBody = ch === '@'
      ? { kind: 'price', fen: amount.fen }
      : { kind: 'money', fen: amount.fen, marked: true, raw: s.slice(i, amount.end), monthDay: null }
    return { body, end: amount.end }
  }
  if (ch === '*' || ((ch === 'x' || ch === 'X') && !isAsciiLetter(s[i - 1]))) {
    const count = readCount(s, s[i + 1] === ' ' ? i + 2 : i + 1, UNIT_INDEX)
    if (count && !isAsciiLetter(s[count.end])) return { body: { kind: 'qty', n: count.n, unit: count.unit }, end: count.end }
    return ch === '*' ? { body: { kind: 'sep', char: ch }, end: i + 1 } : null
  }
  return SEPARATORS.has(ch) ? { body: { kind: 'sep', char: ch }, end: i + 1 } : null
}

function matchAt(s: string, i: number, today: string): Match | null {
  const ch = s[i] as string
  if (isDigit(ch)) {
    const prev = s[i - 1]
    const sign = prev === '-' && !isAsciiLetter(s[i - 2]) && !isDigit(s[i - 2])
    if (isAsciiLetter(prev) || (prev === '-' && !sign) || prev === '_') return null
    const m = scanNumber(s, i, today, UNIT_INDEX)
    // -398 is a negative amount (and gets bad_amount), not 398.
    if (sign && m?.body.kind === 'money') return { ...m, body: { ...m.body, fen: -m.body.fen, monthDay: null } }
    return sign && m?.body.kind === 'huge' ? { ...m, body: { ...m.body, raw: `-${m.body.raw}` } } : m
  }
  return matchSymbol(s, i) ?? matchKeyword(s, i, today) ?? (isNumeralChar(ch) ? scanNumeral(s, i, UNIT_INDEX) : null)
}

/** Joins phone numbers written `150-3569-6956` or `150 3569 6956` and sets them apart from glued names. */
export function spacePhones(text: string): string {
  return text.replace(SPACED_PHONE, ' $1$2$3 ')
}

/**
 * Tokenises one segment (a line or a `；`-separated part of one) of normalised text. (No closures here,
 * and no copies of matched tokens: this runs for every line of every message.)
 */
export function tokenize(segment: string, today: string): Token[] {
  const s = spacePhones(segment)
  const out: Token[] = []
  let text = ''
  let textGap = false
  let gap = false
  let i = 0
  while (i < s.length) {
    const ch = s[i] as string
    if (ch === ' ' || ch === '\n') {
      if (text !== '') out.push({ kind: 'text', text, gap: textGap })
      text = ''
      gap = true
      i++
      continue
    }
    // iPhone15, VC100: digits glued after Latin letters or digits of a word stay part of that word.
    const inWord = text !== '' && isDigit(ch) && /[A-Za-z0-9]/.test(text[text.length - 1] as string)
    const m = TRIGGERS.has(ch) && !inWord ? matchAt(s, i, today) : null
    if (m !== null && m.end > i) {
      // 凤梨板烧四件套, 床上四件套: a set of N pieces glued to the name is part of the product, not a count.
      const body: TokenBody = m.body.kind === 'qty' && m.body.unit === '件套' && !gap && text !== ''
        ? { kind: 'spec', spec: s.slice(i, m.end), n: null, unit: null }
        : m.body
      if (text !== '') out.push({ kind: 'text', text, gap: textGap })
      text = ''
      // Every match makes its body afresh, so it becomes the token as it is (copying bodies of a dozen
      // shapes is slow).
      const token = body as Token
      token.gap = gap
      out.push(token)
      gap = false
      i = m.end
      continue
    }
    if (text === '') {
      textGap = gap
      gap = false
    }
    const end = isNumeralChar(ch) ? plainNumeralEnd(s, i, UNIT_INDEX) : i + 1
    text += s.slice(i, end)
    i = end
  }
  if (text !== '') out.push({ kind: 'text', text, gap: textGap })
  return out
}
