/** Payment behaviour: what is owed, how late, and how often orders were paid on time. */
import { dayNumber } from '../calendar.js'
import { outstandingFen } from '../ledger/payments.js'
import type { Order, Payment } from '../types.js'

export interface CreditFacts {
  /** Still owed on orders bought on credit (unpaid or deposit). */
  unpaidFen: number
  /** Owed on orders past their due date. */
  overdueFen: number
  /** Days the oldest overdue order is past due (0 when nothing is overdue). */
  maxDaysOverdue: number
  /** Share of settled credit orders that were settled by their due date; null when none are settled. */
  onTimeShare: number | null
  creditOrders: number
}

/** The facts of a customer who never bought on credit; shared (and frozen) by every such customer. */
export const NO_CREDIT: Readonly<CreditFacts> = Object.freeze({ unpaidFen: 0, overdueFen: 0, maxDaysOverdue: 0, onTimeShare: null, creditOrders: 0 })

function anyOnCredit(orders: readonly Order[]): boolean {
  for (const o of orders) if (o.payment === 'unpaid' || o.payment === 'deposit') return true
  return false
}

/** Credit facts as of a day. Paid, cash-on-delivery and unmarked orders are not credit. */
export function creditFacts(orders: readonly Order[], payments: readonly Payment[], asOfDay: number, creditDays: number): CreditFacts {
  // Most customers never buy on credit: answer them without building anything.
  if (payments.length === 0 && !anyOnCredit(orders)) return NO_CREDIT
  const settledOn = settlementDays(orders, payments)
  let unpaidFen = 0
  let overdueFen = 0
  let maxDaysOverdue = 0
  let onTime = 0
  let judged = 0
  let creditOrders = 0
  for (const o of orders) {
    if (o.payment !== 'unpaid' && o.payment !== 'deposit' && !settledOn.has(o.id)) continue
    creditOrders++
    const due = o.dueOn ? dayNumber(o.dueOn) : dayNumber(o.placedOn) + creditDays
    const owed = outstandingFen(o)
    const settled = settledOn.get(o.id)
    if (owed > 0) {
      unpaidFen += owed
      if (asOfDay > due) {
        overdueFen += owed
        maxDaysOverdue = Math.max(maxDaysOverdue, asOfDay - due)
      }
    }
    else if (settled !== undefined) {
      judged++
      if (settled <= due) onTime++
    }
  }
  return { unpaidFen, overdueFen, maxDaysOverdue, onTimeShare: judged > 0 ? onTime / judged : null, creditOrders }
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
