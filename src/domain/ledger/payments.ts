/** Money that moves after an order: payments settle unpaid orders, refunds reduce one. */
import type { Order } from '../types.js'

/** What an order still owes: its amount less what was paid and refunded (never below zero). */
export function outstandingFen(order: Order): number {
  if (order.status !== 'active' || order.amountFen === null) return 0
  return Math.max(0, order.amountFen - order.refundedFen - order.paidFen)
}

/** Orders that leave money to collect after the goods went out (未付, 定金, 货到付款). */
export function owesLater(order: Order): boolean {
  return order.payment === 'unpaid' || order.payment === 'deposit' || order.payment === 'cod'
}

/**
 * Spreads a payment over the customer's orders that still owe money: first those marked as owing
 * (未付, 定金, 货到付款), oldest first, then those whose message did not say how they were paid.
 * Returns the part applied to each order and what is left over (paid in advance).
 */
export function allocatePayment(orders: readonly Order[], amountFen: number): { applied: { orderId: string, amountFen: number }[], leftFen: number } {
  const owing = orders
    .filter(o => outstandingFen(o) > 0)
    .sort((a, b) => Number(owesLater(b)) - Number(owesLater(a)) || a.placedOn.localeCompare(b.placedOn) || a.no - b.no)
  const applied: { orderId: string, amountFen: number }[] = []
  let left = amountFen
  for (const o of owing) {
    if (left <= 0) break
    const part = Math.min(left, outstandingFen(o))
    applied.push({ orderId: o.id, amountFen: part })
    left -= part
  }
  return { applied, leftFen: left }
}

/** The order after a payment part was applied to it. */
export function applyPaymentPart(order: Order, partFen: number): Order {
  const paidFen = order.paidFen + partFen
  const settled = order.amountFen !== null && paidFen + order.refundedFen >= order.amountFen
  return { ...order, paidFen, payment: settled ? 'paid' : order.payment === 'unpaid' || order.payment === null ? 'deposit' : order.payment }
}

/** The order after a refund; fully refunded orders change status. */
export function applyRefund(order: Order, amountFen: number): Order {
  const refundedFen = order.refundedFen + amountFen
  const full = order.amountFen !== null && refundedFen >= order.amountFen
  return { ...order, refundedFen, status: full ? 'refunded' : order.status }
}

/** What can still be refunded on an order. */
export function refundableFen(order: Order): number {
  if (order.status !== 'active' || order.amountFen === null) return 0
  return Math.max(0, order.amountFen - order.refundedFen)
}
