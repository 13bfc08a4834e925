/** A customer's account from the store, under the one definition in domain/segment/credit.ts. */
import { dayNumber } from '../../domain/calendar.js'
import { formatFen } from '../../domain/money.js'
import type { Store } from '../../domain/ports.js'
import { creditFacts, type CreditFacts } from '../../domain/segment/credit.js'
import type { Customer, Order } from '../../domain/types.js'

/** The customer's orders that stand on a day: active (not cancelled, not fully refunded), placed by then. */
function standingOrdersOf(store: Store, customerId: string, asOf: string): Order[] {
  return store.orders.ofCustomer(customerId).filter(o => o.status === 'active' && o.placedOn <= asOf)
}

/** What the customer owes (and has paid in advance) as of a day, from their standing orders. */
export function accountOf(store: Store, customerId: string, asOf: string, creditDays: number): CreditFacts {
  return creditFacts(standingOrdersOf(store, customerId, asOf), store.payments.ofCustomer(customerId), dayNumber(asOf), creditDays)
}

/** `未付：¥398（其中货到付款待收 ¥398）· 预收款 ¥100`: the same words in every reply. */
export function owedText(c: CreditFacts): string {
  const parts: string[] = []
  if (c.codFen > 0 && c.unpaidFen > 0) parts.push(`货到付款待收 ${formatFen(Math.min(c.codFen, c.unpaidFen))}`)
  if (c.overdueFen > 0) parts.push(`逾期 ${formatFen(c.overdueFen)}`)
  const owed = c.unpaidFen > 0 ? `未付：${formatFen(c.unpaidFen)}${parts.length > 0 ? `（其中${parts.join('，')}）` : ''}` : '未付：无'
  return c.prepaidFen > 0 ? `${owed} · 预收款 ${formatFen(c.prepaidFen)}` : owed
}

export interface CountedCustomer {
  customer: Customer
  account: CreditFacts
}

/**
 * The customers a merchant counts on a day (导出's rows, 代理 列表's numbers), with their account: those who had bought something by then and those holding money paid in
 * advance. A customer whose only order was undone (撤销) or moved to someone else (改 上一单 客户)
 * stays on record, for history and 客户, but is no longer counted.
 */
export function countedCustomers(store: Store, asOf: string, creditDays: number): CountedCustomer[] {
  const out: CountedCustomer[] = []
  for (const customer of store.customers.all()) {
    const orders = standingOrdersOf(store, customer.id, asOf)
    const account = creditFacts(orders, store.payments.ofCustomer(customer.id), dayNumber(asOf), creditDays)
    if (orders.length > 0 || account.prepaidFen > 0) out.push({ customer, account })
  }
  return out
}
