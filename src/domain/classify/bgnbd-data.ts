/**
 * Compression of (x, t_x, T) summaries into distinct tuples with counts, so that one likelihood evaluation
 * costs O(distinct tuples + distinct time values + max x) instead of O(customers).
 */

import type { Rft } from './bgnbd-types.js'
import { indexDistinct } from './distinct.js'

/** Distinct (x, t_x, T) tuples with counts, indexed into the distinct x values and distinct time values. */
export interface CompressedRft {
  /** Distinct x values, ascending. */
  xs: Float64Array
  /** Number of customers per distinct x. */
  xWeight: Float64Array
  /** Distinct time values (T and t_x together), ascending. */
  times: Float64Array
  /** Per tuple: index into xs. */
  tupleX: Int32Array
  /** Per tuple: index of T into times. */
  tupleT: Int32Array
  /** Per tuple: index of t_x into times (t_x is stored as 0 when x = 0). */
  tupleTx: Int32Array
  /** Per tuple: number of customers. */
  weight: Float64Array
  /** Number of customers kept. */
  total: number
  /** Σ x over the customers kept. */
  sumX: number
  maxT: number
  meanT: number
}

/** Throws a RangeError unless x is a non-negative integer and 0 ≤ t_x ≤ T < ∞ (t_x is ignored when x = 0; ANALYTICS.md §1.6). */
export function assertRft(c: Rft): void {
  const ok = Number.isInteger(c.x) && c.x >= 0 && Number.isFinite(c.T) && c.T >= 0
    && (c.x === 0 || (c.tx >= 0 && c.tx <= c.T))
  if (!ok) throw new RangeError(`invalid customer summary x=${c.x} tx=${c.tx} T=${c.T}`)
}

/**
 * Groups customers by (x, t_x, T), ordered by (x, T, t_x) whatever the input order; customers with T = 0
 * are dropped when skipZeroAge. Throws a RangeError on an invalid summary.
 */
export function compressRft(data: readonly Rft[], skipZeroAge: boolean): CompressedRft {
  let n = 0
  for (const c of data) {
    assertRft(c)
    if (!(skipZeroAge && c.T === 0)) n++
  }
  const xArr = new Float64Array(n)
  const tArr = new Float64Array(n)
  const txArr = new Float64Array(n)
  let sumX = 0
  let sumT = 0
  let i = 0
  for (const c of data) {
    if (skipZeroAge && c.T === 0) continue
    xArr[i] = c.x
    tArr[i] = c.T
    txArr[i] = c.x === 0 ? 0 : c.tx
    sumX += c.x
    sumT += c.T
    i++
  }
  const { distinct: xs, index: xIndex } = indexDistinct(xArr)
  const bothTimes = new Float64Array(2 * n)
  bothTimes.set(tArr)
  bothTimes.set(txArr, n)
  const { distinct: times, index: timeIndex } = indexDistinct(bothTimes)
  const nt = times.length
  // One exact integer key per customer, ((xi·nt + ti)·nt + si) < 2^53, sorted natively.
  if (xs.length * nt * nt >= Number.MAX_SAFE_INTEGER) throw new RangeError('too many distinct (x, t_x, T) values to compress')
  const keys = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    keys[k] = ((xIndex[k] as number) * nt + (timeIndex[k] as number)) * nt + (timeIndex[n + k] as number)
  }
  keys.sort()
  const xWeight = new Float64Array(xs.length)
  const tupleX = new Int32Array(n)
  const tupleT = new Int32Array(n)
  const tupleTx = new Int32Array(n)
  const weight = new Float64Array(n)
  let m = 0
  for (let k = 0; k < n; k++) {
    const key = keys[k] as number
    const si = key % nt
    const ti = ((key - si) / nt) % nt
    const xi = (key - si - ti * nt) / (nt * nt)
    xWeight[xi] = (xWeight[xi] as number) + 1
    if (k > 0 && keys[k - 1] === key) {
      weight[m - 1] = (weight[m - 1] as number) + 1
      continue
    }
    tupleX[m] = xi
    tupleT[m] = ti
    tupleTx[m] = si
    weight[m++] = 1
  }
  return {
    xs,
    xWeight,
    times,
    tupleX: tupleX.slice(0, m),
    tupleT: tupleT.slice(0, m),
    tupleTx: tupleTx.slice(0, m),
    weight: weight.slice(0, m),
    total: n,
    sumX,
    maxT: nt > 0 ? (times[nt - 1] as number) : 0,
    meanT: n > 0 ? sumT / n : 0,
  }
}
