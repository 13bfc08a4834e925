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

/**
 * quantile(sorted copy of values, q), without sorting: Hoare selection (Wirth's variant, median-of-three
 * pivot) moves the needed order statistic into place in O(n); the next one up is the minimum of the rest.
 * Reorders `values`. Sorts instead when a NaN is present (NaN has no place in the order) or selection stalls.
 */
export function quantileInPlace(values: Float64Array, q: number): number {
  const n = values.length
  if (n === 0) return Number.NaN
  for (let i = 0; i < n; i++) if (values[i] !== values[i]) return quantile(values.sort(), q)
  const pos = (n - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  let l = 0
  let r = n - 1
  // Selection halves the range about every round; an input that defeats the pivot falls back to sorting.
  for (let rounds = 0; l < r; rounds++) {
    if (rounds > 100) return quantile(values.sort(), q)
    const a = values[l]!, b = values[(l + r) >>> 1]!, c = values[r]!
    const x = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b)
    let i = l
    let j = r
    do {
      while (values[i]! < x) i++
      while (x < values[j]!) j--
      if (i <= j) {
        const t = values[i]!
        values[i] = values[j]!
        values[j] = t
        i++
        j--
      }
    } while (i <= j)
    if (j < lo) l = i
    if (lo < i) r = j
  }
  const low = values[lo]!
  let high = low
  if (hi > lo) {
    high = values[hi]!
    for (let i = hi + 1; i < n; i++) if (values[i]! < high) high = values[i]!
  }
  return low + (high - low) * (pos - lo)
}

export function merchantFacts(summaries: readonly CustomerSummary[], defaults: { gapDays: number, oneOrderDays: number }): MerchantFacts {
  // Typed arrays and selection instead of sorting: this runs over every gap of every customer.
  let gapCount = 0
  for (const s of summaries) gapCount += s.x
  const gaps = new Float64Array(gapCount)
  const firstGaps = new Float64Array(summaries.length)
  const xs = new Float64Array(summaries.length)
  const windowSpend = new Float64Array(summaries.length)
  let g = 0
  let nFirst = 0
  let nWindow = 0
  for (let k = 0; k < summaries.length; k++) {
    const s = summaries[k]!
    xs[k] = s.x
    const occasions = s.occasions
    for (let i = 1; i < occasions.length; i++) gaps[g++] = occasions[i]!.day - occasions[i - 1]!.day
    if (occasions.length > 1) firstGaps[nFirst++] = occasions[1]!.day - occasions[0]!.day
    if (s.recentFen > 0) windowSpend[nWindow++] = s.recentFen
  }
  const enoughFirstGaps = nFirst >= 20
  return {
    medianGapDays: gaps.length >= 5 ? Math.max(1, quantileInPlace(gaps, 0.5)) : defaults.gapDays,
    secondOrderCutoffDays: enoughFirstGaps ? Math.max(30, quantileInPlace(firstGaps.subarray(0, nFirst), 0.9)) : defaults.oneOrderDays,
    cutoffFromData: enoughFirstGaps,
    repeatP80: xs.length > 0 ? quantileInPlace(xs, 0.8) : 0,
    medianWindowSpendFen: nWindow > 0 ? quantileInPlace(windowSpend.subarray(0, nWindow), 0.5) : 0,
  }
}
