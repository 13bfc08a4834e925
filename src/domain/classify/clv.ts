/** Discounted customer lifetime value from BG/NBD expected purchases (ANALYTICS.md §5, FHL 2005 JMR). */

import type { BgnbdParams, Rft } from './bgnbd.js'
import { expectedPurchases } from './bgnbd-predict.js'

/** Horizon and discounting for {@link customerValue}. */
export interface CustomerValueOptions {
  /** Number of periods K. */
  periods: number
  /** Period length Δ in the unit of α (e.g. 30 days). */
  periodLength: number
  /** Discount rate d per period. */
  discountPerPeriod: number
  /** Margin μ (default 1, i.e. revenue). */
  margin?: number
}

/**
 * CLV_i = μ·E[M_i]·Σ_{k=1..K} (E[Y_i(kΔ)] − E[Y_i((k−1)Δ)]) / (1+d)^k (ANALYTICS.md §5);
 * spendPerPurchase is E[M_i] (e.g. expectedSpend or shrunkSpend).
 */
export function customerValue(bg: BgnbdParams, c: Rft, spendPerPurchase: number, options: CustomerValueOptions): number {
  const margin = options.margin ?? 1
  let previous = 0
  let sum = 0
  let discount = 1
  for (let k = 1; k <= options.periods; k++) {
    const cumulative = expectedPurchases(bg, c, k * options.periodLength)
    discount /= 1 + options.discountPerPeriod
    sum += (cumulative - previous) * discount
    previous = cumulative
  }
  return margin * spendPerPurchase * sum
}
