/** Merchant-wide rhythms that personal judgements are measured against. */
import type { CustomerSummary } from './summary.js'

export interface MerchantFacts {
  /** Median gap between consecutive purchase occasions, over all customers (days). */
  medianGapDays: number
  /** 90th percentile of the first→second order gap; one-order customers silent longer are dormant. */
  secondOrderCutoffDays: number
  /** Whether the cut-off came from this merchant's data (else the policy default). */
  cutoffFromData: boolean
  /** 80th percentile of repeat purchases x. */
  repeatP80: number
  /** Median net spend per `window` days of customers active in it (the trend's pseudo-count). */
  medianWindowSpendFen: number
}

/** The q-quantile (0..1) of sorted numbers, by linear interpolation. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

export function merchantFacts(summaries: readonly CustomerSummary[], defaults: { gapDays: number, oneOrderDays: number }): MerchantFacts {
  // Typed arrays sort numerically without a comparator: this runs over every gap of every customer.
  let gapCount = 0
  for (const s of summaries) gapCount += s.x
  const gaps = new Float64Array(gapCount)
  const firstGaps: number[] = []
  const xs = new Float64Array(summaries.length)
  const windowSpend: number[] = []
  let g = 0
  summaries.forEach((s, k) => {
    xs[k] = s.x
    for (let i = 1; i < s.occasions.length; i++) gaps[g++] = s.occasions[i]!.day - s.occasions[i - 1]!.day
    if (s.occasions.length > 1) firstGaps.push(s.occasions[1]!.day - s.occasions[0]!.day)
    if (s.recentFen > 0) windowSpend.push(s.recentFen)
  })
  const sort = (a: ArrayLike<number>): Float64Array => Float64Array.from(a).sort()
  const enoughFirstGaps = firstGaps.length >= 20
  return {
    medianGapDays: gaps.length >= 5 ? Math.max(1, quantile(sort(gaps), 0.5)) : defaults.gapDays,
    secondOrderCutoffDays: enoughFirstGaps ? Math.max(30, quantile(sort(firstGaps), 0.9)) : defaults.oneOrderDays,
    cutoffFromData: enoughFirstGaps,
    repeatP80: xs.length > 0 ? quantile(sort(xs), 0.8) : 0,
    medianWindowSpendFen: windowSpend.length > 0 ? quantile(sort(windowSpend), 0.5) : 0,
  }
}
