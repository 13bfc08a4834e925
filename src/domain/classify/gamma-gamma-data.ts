/**
 * Spend data for the Gamma-Gamma fit (ANALYTICS.md §5) grouped by x, in typed arrays: one likelihood
 * evaluation then walks each group's z̄ values with the per-x constants computed once.
 */

import { indexDistinct } from './distinct.js'

/** Spend data grouped by x: group k holds zs[start[k] .. start[k+1]−1], ascending. */
export interface SpendGroups {
  xs: Float64Array
  counts: Float64Array
  start: Int32Array
  zs: Float64Array
  /** Per group: Σ ln z̄. */
  sumLnZ: Float64Array
  total: number
  meanZ: number
}

const keeps = (x: number, zbar: number): boolean => x > 0 && zbar > 0 && Number.isFinite(zbar)

/**
 * Keeps customers with x > 0 and z̄ > 0 (others carry no spend information) and groups them by x, ordered by
 * (x, z̄) whatever the input order; z̄ is divided by moneyScale. Columns in, typed arrays out: no per-customer objects.
 */
export function groupColumns(x: ArrayLike<number>, zbar: ArrayLike<number>, moneyScale: number): SpendGroups {
  let m = 0
  for (let i = 0; i < x.length; i++) if (keeps(x[i] as number, zbar[i] as number)) m++
  const keptX = new Float64Array(m)
  const keptZ = new Float64Array(m)
  let j = 0
  for (let i = 0; i < x.length; i++) {
    if (!keeps(x[i] as number, zbar[i] as number)) continue
    keptX[j] = x[i] as number
    keptZ[j++] = zbar[i] as number
  }
  const { distinct: xs, index: group } = indexDistinct(keptX)
  const nx = xs.length
  const counts = new Float64Array(nx)
  for (let i = 0; i < m; i++) counts[group[i] as number] = (counts[group[i] as number] as number) + 1
  const start = new Int32Array(nx + 1)
  for (let k = 0; k < nx; k++) start[k + 1] = (start[k] as number) + (counts[k] as number)
  const fill = start.slice(0, nx)
  const zs = new Float64Array(m)
  for (let i = 0; i < m; i++) {
    const k = group[i] as number
    zs[fill[k] as number] = keptZ[i] as number
    fill[k] = (fill[k] as number) + 1
  }
  // Within a group, ascending z̄ (a native numeric sort): the sums below then do not depend on input order.
  for (let k = 0; k < nx; k++) zs.subarray(start[k] as number, start[k + 1] as number).sort()
  return rescaled({ xs, counts, start, zs, sumLnZ: new Float64Array(nx), total: m, meanZ: 0 }, moneyScale)
}

/** The same groups with every z̄ divided by moneyScale, and Σ ln z̄ and the mean z̄ recomputed in the same order. */
export function rescaled(raw: SpendGroups, moneyScale: number): SpendGroups {
  const zs = new Float64Array(raw.zs.length)
  const sumLnZ = new Float64Array(raw.xs.length)
  const m = raw.total
  let meanZ = 0
  for (let k = 0; k < raw.xs.length; k++) {
    const end = raw.start[k + 1] as number
    let sum = 0
    for (let i = raw.start[k] as number; i < end; i++) {
      const z = (raw.zs[i] as number) / moneyScale
      zs[i] = z
      meanZ += z / m
      sum += Math.log(z)
    }
    sumLnZ[k] = sum
  }
  return { ...raw, zs, sumLnZ, meanZ }
}
