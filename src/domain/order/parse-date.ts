/** Dates written in chat (`11.20`, `11月20日`, `2024-11-20`, `昨天`) → YYYY-MM-DD relative to the message day. */

import type { Result } from '../result.js'
import { err, ok } from '../result.js'
import type { ParseIssue } from './draft.js'
import { parseChineseNumber } from './chinese-number.js'
import { badDate } from './issues.js'
import { DATE_WORDS } from './lexicon.js'

/** A month/day without a year that lands more than this many days after `today` is read as last year. */
const FUTURE_SLACK_DAYS = 7

const FULL = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*[日号])?/y
const MONTH_DAY = /(\d{1,2})\s*月\s*(\d{1,2})(?:\s*[日号])?/y
const MONTH_DAY_CN = /([零〇一二三四五六七八九十\d]{1,3})月([零〇一二三四五六七八九十\d]{1,3})[日号]/y
const SLASH = /(\d{1,2})\/(\d{1,2})(?![\d/])/y
const BARE = /^(\d{1,2})\.(\d{1,2})$/

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function toUtc(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return null
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
}

function fromUtc(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** Shifts a YYYY-MM-DD date by whole days. */
export function addDays(date: string, days: number): string {
  const ms = toUtc(date)
  return ms === null ? date : fromUtc(ms + days * 86_400_000)
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** YYYY-MM-DD when the civil date exists, else null (2月30日). */
export function makeDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return `${year}-${pad(month)}-${pad(day)}`
}

/** Month and day without a year: this year, unless that is more than a week ahead of `today` (then last year). */
export function resolveMonthDay(month: number, day: number, today: string): string | null {
  const now = toUtc(today)
  if (now === null) return null
  const year = Number(today.slice(0, 4))
  const candidate = makeDate(year, month, day)
  const ahead = Date.UTC(year, month - 1, day) - now > FUTURE_SLACK_DAYS * 86_400_000
  return candidate === null || ahead ? makeDate(year - 1, month, day) : candidate
}

/** A date found at a position: the resolved date, or the raw text of a date that does not exist. */
export type DateMatch = { end: number, date: string } | { end: number, bad: string }

function found(raw: string, end: number, date: string | null): DateMatch {
  return date === null ? { end, bad: raw } : { end, date }
}

const WRITTEN = [FULL, MONTH_DAY_CN, MONTH_DAY, SLASH]
const DATE_WORD_STARTS = new Set([...DATE_WORDS.keys()].map(w => w[0]))

/** Matches a written date starting exactly at `at` (not the bare `11.20` form, which the caller weighs). */
export function matchDateAt(text: string, at: number, today: string): DateMatch | null {
  for (const re of WRITTEN) {
    re.lastIndex = at
    const m = re.exec(text)
    if (!m) continue
    const end = re.lastIndex
    const raw = m[0]
    if (re === FULL) return found(raw, end, makeDate(Number(m[1]), Number(m[2]), Number(m[3])))
    const month = parseChineseNumber(m[1] as string, { sequence: false })
    const day = parseChineseNumber(m[2] as string, { sequence: false })
    if (month === null || day === null) return { end, bad: raw }
    // `13/5` is no date at all, but `2/30` is a date that does not exist.
    if (re === SLASH && (month > 12 || day > 31)) continue
    return found(raw, end, resolveMonthDay(month, day, today))
  }
  if (!DATE_WORD_STARTS.has(text[at])) return null
  for (const [word, offset] of DATE_WORDS) {
    if (text.startsWith(word, at) && !text.startsWith('大' + word, at - 1)) return { end: at + word.length, date: addDays(today, offset) }
  }
  return null
}

/** `11.20` on its own: the date it would be, or null when it cannot be a month and day. */
export function bareMonthDay(raw: string, today: string): string | null {
  const m = BARE.exec(raw)
  return m ? resolveMonthDay(Number(m[1]), Number(m[2]), today) : null
}

/** Reads a whole text as one date; null when it does not look like a date at all. */
export function parseDate(text: string, today: string): Result<string, ParseIssue> | null {
  const t = text.trim()
  if (BARE.test(t)) {
    const date = bareMonthDay(t, today)
    return date === null ? err(badDate(t)) : ok(date)
  }
  const m = matchDateAt(t, 0, today)
  if (m === null || m.end !== t.length) return null
  return 'date' in m ? ok(m.date) : err(badDate(m.bad))
}
