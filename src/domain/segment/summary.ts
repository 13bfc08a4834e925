/**
 * A customer's purchase history as of a date, in the shape the models need (ANALYTICS.md §1): same-day
 * orders merged into one purchase occasion, cancelled and fully refunded orders left out, the first
 * occasion excluded from x and from the average repeat spend.
 */
import { dayNumber } from '../calendar.js'
import type { Order, Payment } from '../types.js'
import { qtyOf } from '../catalogue/catalogue.js'
import { creditFacts, type CreditFacts } from './credit.js'

export interface Occasion { day: number, amountFen: number }

export interface CustomerSummary {
  customerId: string
  occasions: Occasion[]
  /** Repeat purchase occasions (all occasions but the first). */
  x: number
  /** Days from the first to the last occasion. */
  tx: number
  /** Days from the first occasion to the as-of date. */
  T: number
  /** Mean amount of the repeat occasions (fen); null when x = 0. */
  zbarFen: number | null
  firstDay: number
  lastDay: number
  /** Net spend (after refunds) of all standing orders up to the as-of date. */
  totalFen: number
  orderCount: number
  /** Net spend in the last `window` days (as-of date included) and in the `window` days before. */
  recentFen: number
  priorFen: number
  recentOccasions: number
  /** Net spend in the last 365 days. */
  yearFen: number
  /** Over the last 365 days: revenue less cost of what was sold with a known cost (see orderProfit). */
  profitFen: number
  /** Revenue of the last 365 days whose cost is known (behind profitFen). */
  costedFen: number
  /** Revenue of the last 365 days whose cost is not known (its profit is estimated by the classification). */
  uncostedFen: number
  lastOrder: Order
  credit: CreditFacts
}

export interface SummaryOptions {
  /** Length of the spend-trend windows in days (ANALYTICS.md §8: W = 90). */
  window: number
  /** Days of credit an unpaid order gets when it has no due date. */
  creditDays: number
}

interface Profit { profitFen: number, costedFen: number, uncostedFen: number }

/**
 * Adds one order's profit. With the cost of every line known it is the net amount less the cost; else
 * each line with a known cost and share adds its share (scaled by what refunds left) less its cost, and
 * the rest of the order is revenue of unknown cost.
 */
function addProfit(p: Profit, o: Order, net: number): void {
  if (o.costFen !== null) {
    p.profitFen += net - o.costFen
    p.costedFen += net
    return
  }
  const scale = o.amountFen ? net / o.amountFen : 0
  let covered = 0
  for (const l of o.lines) {
    if (l.costFen === null || l.costFen === undefined || l.shareFen === null || l.shareFen === undefined) continue
    const share = l.shareFen * scale
    p.profitFen += share - l.costFen * qtyOf(l)
    covered += share
  }
  p.costedFen += covered
  p.uncostedFen += Math.max(0, net - covered)
}

/** Orders that count as purchases: not cancelled, not fully refunded, placed on or before the as-of day. */
export function standingOrders(orders: readonly Order[], asOfDay: number): Order[] {
  return orders.filter(o => o.status === 'active' && dayNumber(o.placedOn) <= asOfDay)
}

/** Summarises one customer as of `asOf` (YYYY-MM-DD); null when nothing was bought by then. */
export function summarizeCustomer(customerId: string, orders: readonly Order[], payments: readonly Payment[], asOf: string, options: SummaryOptions): CustomerSummary | null {
  // Runs once per customer on every classification: plain arrays and one sort, no maps.
  const asOfDay = dayNumber(asOf)
  // ISO dates compare as strings, so no day numbers are needed to filter and sort.
  const standing = orders.filter(o => o.status === 'active' && o.placedOn <= asOf)
  if (standing.length === 0) return null
  let sorted = true
  for (let i = 1; i < standing.length && sorted; i++) sorted = standing[i - 1]!.placedOn <= standing[i]!.placedOn
  if (!sorted) standing.sort((a, b) => (a.placedOn < b.placedOn ? -1 : a.placedOn > b.placedOn ? 1 : a.no - b.no))
  const occasions: Occasion[] = []
  let totalFen = 0
  let recentFen = 0
  let priorFen = 0
  let yearFen = 0
  let recentOccasions = 0
  const profit: Profit = { profitFen: 0, costedFen: 0, uncostedFen: 0 }
  let lastDate = ''
  let day = 0
  for (const o of standing) {
    if (o.placedOn !== lastDate) {
      lastDate = o.placedOn
      day = dayNumber(lastDate)
    }
    const net = Math.max(0, (o.amountFen ?? 0) - o.refundedFen)
    const last = occasions[occasions.length - 1]
    const sameDay = last !== undefined && last.day === day
    if (sameDay) last.amountFen += net
    else occasions.push({ day, amountFen: net })
    totalFen += net
    const age = asOfDay - day
    if (age < options.window) {
      recentFen += net
      if (!sameDay) recentOccasions++
    }
    else if (age < 2 * options.window) {
      priorFen += net
    }
    if (age < 365) {
      yearFen += net
      if (net > 0) addProfit(profit, o, net)
    }
  }
  const first = occasions[0]!
  const last = occasions[occasions.length - 1]!
  const x = occasions.length - 1
  let repeatSpend = 0
  for (let i = 1; i < occasions.length; i++) repeatSpend += occasions[i]!.amountFen
  return {
    customerId,
    occasions,
    x,
    tx: last.day - first.day,
    T: asOfDay - first.day,
    zbarFen: x > 0 ? repeatSpend / x : null,
    firstDay: first.day,
    lastDay: last.day,
    totalFen,
    orderCount: standing.length,
    recentFen,
    priorFen,
    recentOccasions,
    yearFen,
    profitFen: profit.profitFen,
    costedFen: profit.costedFen,
    uncostedFen: profit.uncostedFen,
    lastOrder: standing[standing.length - 1]!,
    credit: creditFacts(standing, payments, asOfDay, options.creditDays),
  }
}
