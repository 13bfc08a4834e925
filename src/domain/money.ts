/** Money is an integer number of fen (分). Parsing is exact: decimals are read as strings, never as floats. */

import { parseScaledNumber } from './order/chinese-number.js'

const PREFIX = /^(?:¥|rmb|人民币)/i
const SUFFIX = /(?:元整|元|块钱|块|圆|rmb)$/i
// 19块5, 3元5角, 十九块九毛: yuan, then one digit of jiao.
const COLLOQUIAL = /^(.+?)(?:块|元)([0-9一二两三四五六七八九])(?:毛|角)?$/
const JIAO_ONLY = /^([0-9一二两三四五六七八九])(?:毛|角)(?:钱)?$/
const PLAIN = /^(\d+)(?:\.(\d+))?$/
const GROUPED = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/
const MULTIPLIER = /[wWkK]$/

/**
 * The most one order, payment or refund may be: ¥1,000,000. Micro-merchants' orders are tens to thousands
 * of yuan; an amount above this is a slip (an extra 0, a phone or an ID number read as money), never a sale.
 */
export const MAX_AMOUNT_FEN = 100_000_000

/** Why an amount cannot be recorded: zero or less, or above MAX_AMOUNT_FEN (or beyond exact integers); null when fine. */
export function amountProblem(fen: number): 'not_positive' | 'too_large' | null {
  if (Number.isSafeInteger(fen) && fen > 0 && fen <= MAX_AMOUNT_FEN) return null
  return fen <= 0 ? 'not_positive' : 'too_large'
}

/** More than 13 digits before the point (`99999999999999999999`): too long to be read as an exact amount. */
export function isTooLongForMoney(literal: string): boolean {
  return /^-?\d{14,}(?:\.\d*)?$/.test(literal.replaceAll(',', ''))
}

function decimalToFen(whole: string, frac: string | undefined): number | null {
  if (whole.length > 13) return null
  const f = frac ?? ''
  if (f.length > 2 && !/^0+$/.test(f.slice(2))) return null
  return Number(whole) * 100 + Number(f.slice(0, 2).padEnd(2, '0'))
}

function bodyToFen(body: string): number | null {
  const plain = PLAIN.exec(body) ?? GROUPED.exec(body)
  if (plain) return decimalToFen((plain[1] as string).replaceAll(',', ''), plain[2])
  const withUnit = MULTIPLIER.test(body)
    ? body.slice(0, -1) + (/[wW]$/.test(body) ? '万' : '千')
    : body
  return parseScaledNumber(withUnit, 2)
}

/** Fen of a plain decimal literal (`398`, `199.5`, `2,340`), without the other forms; null when not exact. */
export function decimalToFenOrNull(literal: string): number | null {
  const m = PLAIN.exec(literal) ?? GROUPED.exec(literal)
  return m ? decimalToFen((m[1] as string).replaceAll(',', ''), m[2]) : null
}

/** Reads an amount of money (`¥199`, `199元`, `2,340`, `1.5万`, `两千五`, `19块5`) → integer fen, or null. */
export function parseMoney(text: string): number | null {
  if (text.length > 60) return null
  let s = text.normalize('NFKC').replace(/\s+/g, '')
  if (s.length === 0 || s.length > 40) return null
  s = s.replace(PREFIX, '')
  const jiao = JIAO_ONLY.exec(s)
  if (jiao) return (parseScaledNumber(jiao[1] as string, 0) ?? 0) * 10
  const colloquial = COLLOQUIAL.exec(s)
  if (colloquial) {
    const yuan = bodyToFen(colloquial[1] as string)
    const tenth = parseScaledNumber(colloquial[2] as string, 0)
    return yuan === null || tenth === null ? null : yuan + tenth * 10
  }
  s = s.replace(SUFFIX, '')
  if (s.length === 0) return null
  const fen = bodyToFen(s)
  return fen !== null && Number.isSafeInteger(fen) ? fen : null
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',')
}

/** Fen → yuan as plain digits: `39800` → `398`, `39850` → `398.50` (no sign of currency, no grouping). */
export function fenToYuanString(fen: number): string {
  const abs = Math.abs(Math.trunc(fen))
  const cents = abs % 100
  const yuan = String((abs - cents) / 100)
  return `${fen < 0 ? '-' : ''}${yuan}${cents === 0 ? '' : '.' + String(cents).padStart(2, '0')}`
}

/** Fen → display text: `¥398` for whole yuan, `¥1,234.50` otherwise; parseMoney reads it back. */
export function formatFen(fen: number): string {
  const abs = Math.abs(Math.trunc(fen))
  const cents = abs % 100
  const yuan = groupThousands(String((abs - cents) / 100))
  return `${fen < 0 ? '-' : ''}¥${yuan}${cents === 0 ? '' : '.' + String(cents).padStart(2, '0')}`
}
