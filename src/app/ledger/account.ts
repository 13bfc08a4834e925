/** A customer's account from the store, under the one definition in domain/segment/credit.ts. */
import { dayNumber } from '../../domain/calendar.js'
import { formatFen } from '../../domain/money.js'
import type { Store } from '../../domain/ports.js'
import { creditFacts, type CreditFacts } from '../../domain/segment/credit.js'

/** What the customer owes (and has paid in advance) as of a day, from their standing orders. */
export function accountOf(store: Store, customerId: string, asOf: string, creditDays: number): CreditFacts {
  const orders = store.orders.ofCustomer(customerId).filter(o => o.status === 'active' && o.placedOn <= asOf)
  return creditFacts(orders, store.payments.ofCustomer(customerId), dayNumber(asOf), creditDays)
}

/** `未付：¥398（其中货到付款待收 ¥398）· 预收款 ¥100`: the same words in every reply. */
export function owedText(c: CreditFacts): string {
  const parts: string[] = []
  if (c.codFen > 0 && c.unpaidFen > 0) parts.push(`货到付款待收 ${formatFen(Math.min(c.codFen, c.unpaidFen))}`)
  if (c.overdueFen > 0) parts.push(`逾期 ${formatFen(c.overdueFen)}`)
  const owed = c.unpaidFen > 0 ? `未付：${formatFen(c.unpaidFen)}${parts.length > 0 ? `（其中${parts.join('，')}）` : ''}` : '未付：无'
  return c.prepaidFen > 0 ? `${owed} · 预收款 ${formatFen(c.prepaidFen)}` : owed
}
