/** RFM scores 1–5 (ANALYTICS.md §7): quintiles with averaged ranks for ties, fixed F breakpoints. */

export interface RfmInput { recencyDays: number, occasions: number, spendFen: number }
export interface RfmScore { r: number, f: number, m: number }

function bound(sorted: Float64Array, v: number, upper: boolean): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (upper ? sorted[mid]! <= v : sorted[mid]! < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** 1-based ranks in ascending order, tied values sharing their average rank. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  // A numeric typed-array sort and two binary searches per value: no comparator, no tuples.
  const sorted = Float64Array.from(values).sort()
  const out = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    out[i] = (bound(sorted, v, false) + bound(sorted, v, true) - 1) / 2 + 1
  }
  return out
}

/** Quintile score of each value (higher value ⇒ higher score); equal values get equal scores. */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length
  return Array.from(averageRanks(values), r => Math.min(5, 1 + Math.floor((5 * (r - 1)) / n)))
}

/** F score from purchase occasions: 1, 2, 3, 4–5, 6+. */
export function frequencyScore(occasions: number): number {
  if (occasions >= 6) return 5
  if (occasions >= 4) return 4
  return Math.max(1, Math.min(3, occasions))
}

const R_DAYS = [30, 60, 90, 180]
const M_FEN = [500_000, 200_000, 100_000, 30_000]

/** Fixed business thresholds, for merchants with too few customers for quintiles to mean much. */
function fixedScore(value: number, cuts: readonly number[], higherIsBetter: boolean): number {
  return 1 + cuts.filter(c => higherIsBetter ? value >= c : value <= c).length
}

/** Scores every customer; quintiles from `minForQuintiles` customers on, fixed thresholds below. */
export function scoreRfm(inputs: readonly RfmInput[], minForQuintiles = 50): RfmScore[] {
  const f = inputs.map(i => frequencyScore(i.occasions))
  if (inputs.length < minForQuintiles) {
    return inputs.map((i, k) => ({ r: fixedScore(i.recencyDays, R_DAYS, false), f: f[k]!, m: fixedScore(i.spendFen, M_FEN, true) }))
  }
  const r = quintileScores(inputs.map(i => -i.recencyDays))
  const m = quintileScores(inputs.map(i => i.spendFen))
  return inputs.map((_, k) => ({ r: r[k]!, f: f[k]!, m: m[k]! }))
}
