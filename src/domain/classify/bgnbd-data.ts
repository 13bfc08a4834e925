/**
 * Compression of (x, t_x, T) summaries into distinct tuples with counts, so that one likelihood evaluation
 * costs O(distinct tuples + distinct time values + max x) instead of O(customers).
 */

import type { Rft } from './bgnbd.js'

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

function distinctSorted(values: Float64Array): Float64Array {
  const sorted = values.slice().sort()
  let m = 0
  for (let i = 0; i < sorted.length; i++) if (m === 0 || sorted[m - 1] !== sorted[i]) sorted[m++] = sorted[i] as number
  return sorted.slice(0, m)
}

/** Index of v in the ascending array `sorted`, which must contain it. */
function indexOf(sorted: Float64Array, v: number): number {
  let lo = 0
  let hi = sorted.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Groups customers by (x, t_x, T), ordered by (x, T, t_x) whatever the input order; customers with T = 0
 * are dropped when skipZeroAge. Throws a RangeError on an invalid summary.
 */
export function compressRft(data: readonly Rft[], skipZeroAge: boolean): CompressedRft {
  const kept = data.filter((c) => {
    assertRft(c)
    return !(skipZeroAge && c.T === 0)
  })
  const n = kept.length
  const xArr = new Float64Array(n)
  const tArr = new Float64Array(n)
  const txArr = new Float64Array(n)
  let sumX = 0
  let sumT = 0
  kept.forEach((c, i) => {
    xArr[i] = c.x
    tArr[i] = c.T
    txArr[i] = c.x === 0 ? 0 : c.tx
    sumX += c.x
    sumT += c.T
  })
  const xs = distinctSorted(xArr)
  const bothTimes = new Float64Array(2 * n)
  bothTimes.set(tArr)
  bothTimes.set(txArr, n)
  const times = distinctSorted(bothTimes)
  const nt = times.length
  // One exact integer key per customer, ((xi·nt + ti)·nt + si) < 2^53, sorted natively.
  if (xs.length * nt * nt >= Number.MAX_SAFE_INTEGER) throw new RangeError('too many distinct (x, t_x, T) values to compress')
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    keys[i] = (indexOf(xs, xArr[i] as number) * nt + indexOf(times, tArr[i] as number)) * nt + indexOf(times, txArr[i] as number)
  }
  keys.sort()
  const xWeight = new Float64Array(xs.length)
  const tupleX: number[] = []
  const tupleT: number[] = []
  const tupleTx: number[] = []
  const weight: number[] = []
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number
    const si = key % nt
    const ti = ((key - si) / nt) % nt
    const xi = (key - si - ti * nt) / (nt * nt)
    xWeight[xi] = (xWeight[xi] as number) + 1
    if (i > 0 && keys[i - 1] === key) {
      weight[weight.length - 1] = (weight[weight.length - 1] as number) + 1
      continue
    }
    tupleX.push(xi)
    tupleT.push(ti)
    tupleTx.push(si)
    weight.push(1)
  }
  return {
    xs,
    xWeight,
    times,
    tupleX: Int32Array.from(tupleX),
    tupleT: Int32Array.from(tupleT),
    tupleTx: Int32Array.from(tupleTx),
    weight: Float64Array.from(weight),
    total: n,
    sumX,
    maxT: nt > 0 ? (times[nt - 1] as number) : 0,
    meanT: n > 0 ? sumT / n : 0,
  }
}
