/** Builders for classification tests: a customer's history as ages of orders before the as-of date. */
import { dateOfDay, dayNumber } from '../../../src/domain/calendar.js'
import type { MerchantFacts } from '../../../src/domain/segment/merchant.js'
import { summarizeCustomer, type CustomerSummary } from '../../../src/domain/segment/summary.js'
import type { Order } from '../../../src/domain/types.js'
import { anOrder } from '../../helpers/builders.js'

export const AS_OF = '2026-11-23'

/** Orders placed `ages` days before AS_OF, each of `yuan` (one number, or one per order). */
export function ordersAt(ages: readonly number[], yuan: number | readonly number[] = 100, over: Partial<Order> = {}): Order[] {
  return ages.map((age, i) => anOrder({
    id: `o${i}`,
    no: i + 1,
    customerId: 'c1',
    placedOn: dateOfDay(dayNumber(AS_OF) - age),
    amountFen: Math.round((typeof yuan === 'number' ? yuan : yuan[i]!) * 100),
    payment: 'paid',
    paidFen: 0,
    ...over,
  }))
}

export function summaryOf(ages: readonly number[], yuan: number | readonly number[] = 100): CustomerSummary {
  return summarizeCustomer('c1', ordersAt(ages, yuan), [], AS_OF, { window: 90, creditDays: 30 })!
}

export const MERCHANT: MerchantFacts = {
  medianGapDays: 30,
  secondOrderCutoffDays: 90,
  cutoffFromData: false,
  repeatP80: 3,
  medianWindowSpendFen: 30_000,
}
