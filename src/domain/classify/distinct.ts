/** Distinct values and indices into them, for grouping customers by x, T or t_x before fitting. */

/** Above this, whole-number values are not indexed through a lookup table. */
const MAX_TABLE = 1 << 22

/** Whole numbers in [0, MAX_TABLE), +0 included and −0 not (it must stay distinguishable, as when sorting). */
function tableable(v: number): boolean {
  return Number.isInteger(v) && v < MAX_TABLE && (v > 0 || (v === 0 && 1 / v > 0))
}

/** Ascending distinct values (−0 sorts before and stands for +0, as Float64Array sort and !== make it). */
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
 * Distinct values (ascending) and, for each input value, its index among them. Whole numbers in
 * [0, 2^22) (days, purchase counts: the usual case) go through a presence table in O(n + max); anything
 * else is sorted and found by binary search. Both give the same result.
 */
export function indexDistinct(values: Float64Array): { distinct: Float64Array, index: Int32Array } {
  const n = values.length
  const index = new Int32Array(n)
  let max = 0
  let whole = true
  for (let i = 0; i < n; i++) {
    const v = values[i] as number
    if (!tableable(v)) {
      whole = false
      break
    }
    if (v > max) max = v
  }
  if (!whole) {
    const distinct = distinctSorted(values)
    for (let i = 0; i < n; i++) index[i] = indexOf(distinct, values[i] as number)
    return { distinct, index }
  }
  // slot[v]: 0 when v is absent, else 1 + its index among the distinct values.
  const slot = new Int32Array(max + 1)
  for (let i = 0; i < n; i++) slot[values[i] as number] = 1
  let m = 0
  for (let v = 0; v <= max; v++) if (slot[v] === 1) slot[v] = ++m
  const distinct = new Float64Array(m)
  for (let v = 0; v <= max; v++) if ((slot[v] as number) > 0) distinct[(slot[v] as number) - 1] = v
  for (let i = 0; i < n; i++) index[i] = (slot[values[i] as number] as number) - 1
  return { distinct, index }
}
