/**
 * What a customer owes, in one place: every view (客户, 导出, lists, 收款's reply) and the credit grade
 * read these facts, so a figure is the same wherever a merchant sees it.
 *
 * - Orders marked unpaid or deposit owe what is left after payments and refunds.
 * - 货到付款 owes the same until it is collected (a 收款 settles it); the collection is due like credit.
 * - Paid orders and orders whose message said nothing about payment owe nothing.
 * - Money received beyond what was owed is a prepayment (预收款): it offsets what later orders owe.
 */
import { dayNumber } from '../calendar.js'
import { outstandingFen, owesLater } from '../ledger/payments.js'
import type { Order, Payment } from '../types.js'

export interface CreditFacts {
  /** Still owed, net of prepayments (unpaid and deposit balances plus uncollected 货到付款). */
  unpaidFen: number
  /** The part of the gross amount owed that is 货到付款 not yet collected. */
  codFen: number
  /** Prepayment not yet used by an order (预收款). */
  prepaidFen: number
  /** Owed on orders past their due date, net of prepayments. */
  overdueFen: number
  /** Days the oldest overdue order is past due (0 when nothing is overdue). */
  maxDaysOverdue: number
  /** Share of settled credit orders that were settled by their due date; null when none are settled. */
  onTimeShare: number | null
  creditOrders: number
}

/** The facts of a customer who never owed anything; shared (and frozen) by every such customer. */
export const NO_CREDIT: Readonly<CreditFacts> = Object.freeze({ unpaidFen: 0, codFen: 0, prepaidFen: 0, overdueFen: 0, maxDaysOverdue: 0, onTimeShare: null, creditOrders: 0 })

/** What this order still owes under the one definition above. */
export function owedOn(order: Order): number {
  return owesLater(order) ? outstandingFen(order) : 0
}

function anyOwing(orders: readonly Order[]): boolean {
  for (const o of orders) if (owesLater(o)) return true
  return false
}

/** Money received and not applied to any order, up to the as-of day. */
function prepaid(payments: readonly Payment[], asOfDay: number): number {
  let left = 0
  for (const p of payments) {
    if (dayNumber(p.receivedOn) > asOfDay) continue
    let applied = 0
    for (const a of p.applied) applied += a.amountFen
    left += Math.max(0, p.amountFen - applied)
  }
  return left
}

/** The customer's account as of a day, from their standing orders and recorded payments. */
export function creditFacts(orders: readonly Order[], payments: readonly Payment[], asOfDay: number, creditDays: number): CreditFacts {
  // Most customers never owe anything: answer them without building anything.
  if (payments.length === 0 && !anyOwing(orders)) return NO_CREDIT
  const settledOn = settlementDays(orders, payments)
  let grossFen = 0
  let codFen = 0
  let grossOverdueFen = 0
  let maxDaysOverdue = 0
  let onTime = 0
  let judged = 0
  let creditOrders = 0
  for (const o of orders) {
    if (!owesLater(o) && !settledOn.has(o.id)) continue
    creditOrders++
    const due = o.dueOn ? dayNumber(o.dueOn) : dayNumber(o.placedOn) + creditDays
    const owed = owedOn(o)
    const settled = settledOn.get(o.id)
    if (owed > 0) {
      grossFen += owed
      if (o.payment === 'cod') codFen += owed
      if (asOfDay > due) {
        grossOverdueFen += owed
        maxDaysOverdue = Math.max(maxDaysOverdue, asOfDay - due)
      }
    }
    else if (settled !== undefined) {
      judged++
      if (settled <= due) onTime++
    }
  }
  const prepaidFen = prepaid(payments, asOfDay)
  const overdueFen = Math.max(0, grossOverdueFen - prepaidFen)
  return {
    unpaidFen: Math.max(0, grossFen - prepaidFen),
    codFen,
    prepaidFen: Math.max(0, prepaidFen - grossFen),
    overdueFen,
    maxDaysOverdue: overdueFen > 0 ? maxDaysOverdue : 0,
    onTimeShare: judged > 0 ? onTime / judged : null,
    creditOrders,
  }
}

/** The day each order was fully paid by recorded payments, for orders settled that way. */
function settlementDays(orders: readonly Order[], payments: readonly Payment[]): Map<string, number> {
  const owing = new Map(orders.map(o => [o.id, o]))
  const paid = new Map<string, number>()
  const out = new Map<string, number>()
  const sorted = [...payments].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn))
  for (const p of sorted) {
    for (const part of p.applied) {
      const o = owing.get(part.orderId)
      if (!o || o.amountFen === null) continue
      const total = (paid.get(o.id) ?? 0) + part.amountFen
      paid.set(o.id, total)
      if (total + o.refundedFen >= o.amountFen && !out.has(o.id)) out.set(o.id, dayNumber(p.receivedOn))
    }
  }
  return out
}
