/** Number and label formatting for charts: every string here is what a merchant reads on the image. */
import { formatFen } from '../money.js'
import type { Grade } from '../types.js'

const YUAN_PER_WAN = 10_000

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',')
}

/** Integer → digits with thousands separators: `1234` → `1,234`. */
export function formatCount(n: number): string {
  const abs = Math.abs(Math.round(n))
  return `${n < 0 && abs !== 0 ? '-' : ''}${groupThousands(String(abs))}`
}

/** Fen → whole yuan for band labels: `2340050` → `¥23,401`, `1234567890` → `¥12,345,679`. */
export function formatWholeYuan(fen: number): string {
  return formatFen(Math.round(fen / 100) * 100)
}

/**
 * Fen → short yuan for axes and column totals: below ¥100 keeps cents (`¥2.50`), below ¥1万 whole yuan
 * (`¥8,421`), from ¥1万 in 万 with at most `decimals` places (`¥1.25万`, `¥1,234.6万`).
 */
export function formatYuanShort(fen: number, decimals = 2): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  if (abs < 10_000) return formatFen(fen)
  const yuan = Math.round(abs / 100)
  if (yuan < YUAN_PER_WAN) return `${sign}¥${groupThousands(String(yuan))}`
  const scale = 10 ** decimals
  const wanScaled = Math.round((abs / 100 / YUAN_PER_WAN) * scale)
  const whole = Math.floor(wanScaled / scale)
  const frac = String(wanScaled % scale).padStart(decimals, '0').replace(/0+$/, '')
  return `${sign}¥${groupThousands(String(whole))}${frac === '' ? '' : '.' + frac}万`
}

/**
 * Whole percentages of the non-negative parts of `values` that add up to exactly 100 (largest remainder
 * method, ties to the earlier value); all zeros when nothing is positive.
 */
export function roundPercents(values: readonly number[]): number[] {
  const parts = values.map((v) => (Number.isFinite(v) && v > 0 ? v : 0))
  const total = parts.reduce((a, b) => a + b, 0)
  if (total <= 0) return parts.map(() => 0)
  const exact = parts.map((p) => (p / total) * 100)
  const floors = exact.map(Math.floor)
  let missing = 100 - floors.reduce((a, b) => a + b, 0)
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (const { i } of order) {
    if (missing <= 0) break
    floors[i] = (floors[i] as number) + 1
    missing -= 1
  }
  return floors
}

/** Percentage text: `61%`, and `<1%` for a positive value that rounds to 0. */
export function formatPercent(percent: number, value: number): string {
  return percent === 0 && value > 0 ? '<1%' : `${percent}%`
}

/** Customer band label in two parts, `['A 级', '12 人']`: joined with a space it reads `A 级 12 人`. */
export function tierCustomersLines(tier: Grade, customers: number): [string, string] {
  return [`${tier} 级`, `${formatCount(customers)} 人`]
}

/** Profit band label in two parts, `['¥23,400', '（61%）']`: joined it reads `¥23,400（61%）`. */
export function profitShareLines(profitFen: number, percent: number): [string, string] {
  return [formatWholeYuan(profitFen), `（${formatPercent(percent, profitFen)}）`]
}

/** Column label for a YYYY-MM month: `3月`, with `2024年` under the first column and every January. */
export function monthLabel(month: string, first: boolean): { month: string, year: string | null } {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m) return { month, year: null }
  const monthNo = Number(m[2])
  return { month: `${monthNo}月`, year: first || monthNo === 1 ? `${m[1]}年` : null }
}
