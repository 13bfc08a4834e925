/**
 * BG/NBD predictions for a whole customer base (ANALYTICS.md §3–§5): P(alive), expected purchases over a
 * horizon and the discounted purchases behind {@link customerValue}. The ₂F₁ series depend on (x, T) only,
 * not on t_x, and many customers share (x, T), so each distinct pair is summed once and remembered.
 * Results are exactly those of pAlive, expectedPurchases and customerValue, computed the same way.
 */

import type { BgnbdParams } from './bgnbd-types.js'
import { aliveExpectation, pAliveAt } from './bgnbd-predict.js'
import type { CustomerValueOptions } from './clv.js'

/** Filled in by {@link BgnbdBatch.predict}. */
export interface BatchPrediction {
  pAlive: number
  /** E[Y(horizon) | x, t_x, T]. */
  expected: number
  /** Σ_k (E[Y(kΔ)] − E[Y((k−1)Δ)])/(1+d)^k, so that customerValue = μ · spend per purchase · this. */
  discountedPurchases: number
}

/** Predictions for one customer at a time, sharing the ₂F₁ sums among customers with the same (x, T). */
export interface BgnbdBatch {
  /** Predicts one customer into `out` (no allocation once its (x, T) has been seen). */
  predict: (x: number, tx: number, T: number, out: BatchPrediction) => void
}

/** Keys x·2^16 + T stay small integers (no boxing) for x < 2^14 and T < 2^16 days; others are not cached. */
const T_SLOTS = 65_536
const X_SLOTS = 16_384

/** A batch predictor for `params`, expected purchases over `horizon` and discounting as in customerValue(`value`). */
export function createBgnbdBatch(params: BgnbdParams, horizon: number, value: CustomerValueOptions): BgnbdBatch {
  const periods = value.periods
  const width = periods + 1
  const slots = new Map<number, number>()
  let store = new Float64Array(1024 * width)
  let used = 0
  // E[Y(t) | alive, x, T] at t = horizon, Δ, 2Δ, …, KΔ; 0 where t ≤ 0, as expectedPurchases returns.
  const fill = (target: Float64Array, at: number, x: number, T: number): void => {
    target[at] = horizon > 0 ? aliveExpectation(params, x, T, horizon) : 0
    for (let k = 1; k <= periods; k++) {
      const t = k * value.periodLength
      target[at + k] = t > 0 ? aliveExpectation(params, x, T, t) : 0
    }
  }
  const scratch = new Float64Array(width)

  /** Where (x, T)'s expectations start in `store`, computing them on first sight; −1 when not cacheable. */
  function expectations(x: number, T: number): number {
    if (!(Number.isInteger(x) && x >= 0 && x < X_SLOTS && Number.isInteger(T) && T >= 0 && T < T_SLOTS)) return -1
    const key = x * T_SLOTS + T
    const known = slots.get(key)
    if (known !== undefined) return known
    if (used + width > store.length) {
      const grown = new Float64Array(store.length * 2)
      grown.set(store)
      store = grown
    }
    const at = used
    fill(store, at, x, T)
    used += width
    slots.set(key, at)
    return at
  }

  return {
    predict(x, tx, T, out) {
      const p = pAliveAt(params, x, tx, T)
      let at = expectations(x, T)
      let values = store
      if (at < 0) {
        fill(scratch, 0, x, T)
        values = scratch
        at = 0
      }
      out.pAlive = p
      out.expected = horizon > 0 ? p * values[at]! : 0
      let previous = 0
      let sum = 0
      let discount = 1
      for (let k = 1; k <= periods; k++) {
        const cumulative = k * value.periodLength > 0 ? p * values[at + k]! : 0
        discount /= 1 + value.discountPerPeriod
        sum += (cumulative - previous) * discount
        previous = cumulative
      }
      out.discountedPurchases = sum
    },
  }
}
