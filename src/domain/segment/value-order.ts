/**
 * The one order "by value" means in every list and every job: value tier first (A before D), then
 * spend over the last 12 months, then name. The forward-looking value (valueFen) is left out on purpose:
 * it is near zero for a dormant customer, and a dormant A-tier buyer is exactly who to win back first.
 */
import type { CustomerClass } from './classify.js'

export function compareByValue(a: CustomerClass, b: CustomerClass): number {
  return a.tier.localeCompare(b.tier) || b.summary.yearFen - a.summary.yearFen || a.customerId.localeCompare(b.customerId)
}

/** Place of each customer in the value order (0 = most valuable). */
export function valueRanks(classes: readonly CustomerClass[]): Map<string, number> {
  return new Map([...classes].sort(compareByValue).map((c, i) => [c.customerId, i]))
}
