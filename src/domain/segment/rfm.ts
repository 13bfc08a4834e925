/** RFM scores 1–5 (ANALYTICS.md §7): quintiles with averaged ranks for ties, fixed F breakpoints. */

export interface RfmInput { recencyDays: number, occasions: number, spendFen: number }
export interface RfmScore { r: number, f: number, m: number }

/** 1-based ranks in ascending order, tied values sharing their average rank. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  return packedRanks(values) ?? searchedRanks(values)
}

/**
 * Whole numbers (days, fen) are packed with their index into one exact key, v·2^b + i, so a single native
 * sort orders them by value and then by index; each run of equal values then gets its average rank.
 * Null when some value is not a whole number or the keys would not be exact.
 */
function packedRanks(values: ArrayLike<number>): Float64Array | null {
  const n = values.length
  let bits = 0
  while (2 ** bits < n) bits++
  const scale = 2 ** bits
  const limit = Number.MAX_SAFE_INTEGER / (2 * scale)
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const v = values[i]!
    if (!Number.isInteger(v) || Math.abs(v) >= limit) return null
    keys[i] = v * scale + i
  }
  keys.sort()
  const out = new Float64Array(n)
  let lo = 0
  while (lo < n) {
    const v = Math.floor(keys[lo]! / scale)
    let hi = lo + 1
    while (hi < n && Math.floor(keys[hi]! / scale) === v) hi++
    const rank = (lo + hi - 1) / 2 + 1
    for (let k = lo; k < hi; k++) out[keys[k]! - v * scale] = rank
    lo = hi
  }
  return out
}

/** How many entries of ascending `sorted` are below `v` (or, with `orEqual`, at most `v`): a binary search. */
export function countBelow(sorted: ArrayLike<number>, v: number, orEqual: boolean): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (orEqual ? sorted[mid]! <= v : sorted[mid]! < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Any numbers: one native sort, then per value a binary search for its run of ties (NaN ranks 0.5, as it never equals). */
function searchedRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length
  const sorted = Float64Array.from(values).sort()
  const runEnd = new Int32Array(n)
  for (let i = n - 1; i >= 0; i--) runEnd[i] = i + 1 < n && sorted[i] === sorted[i + 1] ? runEnd[i + 1]! : i + 1
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const v = values[i]!
    const lo = countBelow(sorted, v, false)
    const end = lo < n && sorted[lo] === v ? runEnd[lo]! : lo
    out[i] = (lo + end - 1) / 2 + 1
  }
  return out
}

/** Quintile score 1–5 of a 1-based average rank among n values. */
export function quintileOfRank(rank: number, n: number): number {
  return Math.min(5, 1 + Math.floor((5 * (rank - 1)) / n))
}

/** Quintile score of each value (higher value ⇒ higher score); equal values get equal scores. */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length
  return Array.from(averageRanks(values), r => quintileOfRank(r, n))
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
  let score = 1
  for (const c of cuts) if (higherIsBetter ? value >= c : value <= c) score++
  return score
}

/** Scores every customer; quintiles from `minForQuintiles` customers on, fixed thresholds below. */
export function scoreRfm(inputs: readonly RfmInput[], minForQuintiles = 50): RfmScore[] {
  const n = inputs.length
  const recency = new Float64Array(n)
  const occasions = new Float64Array(n)
  const spend = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    recency[k] = inputs[k]!.recencyDays
    occasions[k] = inputs[k]!.occasions
    spend[k] = inputs[k]!.spendFen
  }
  return scoreRfmColumns(recency, occasions, spend, null, minForQuintiles)
}

/**
 * {@link scoreRfm} on columns. `spendRanks`, when given, must be averageRanks(spendFen): callers that
 * rank spend anyway (value tiers) pass theirs so it is sorted once.
 */
export function scoreRfmColumns(recencyDays: Float64Array, occasions: Float64Array, spendFen: Float64Array, spendRanks: Float64Array | null, minForQuintiles = 50): RfmScore[] {
  const n = recencyDays.length
  const out = new Array<RfmScore>(n)
  if (n < minForQuintiles) {
    for (let k = 0; k < n; k++) {
      out[k] = { r: fixedScore(recencyDays[k]!, R_DAYS, false), f: frequencyScore(occasions[k]!), m: fixedScore(spendFen[k]!, M_FEN, true) }
    }
    return out
  }
  const negated = new Float64Array(n)
  for (let k = 0; k < n; k++) negated[k] = -recencyDays[k]!
  const r = averageRanks(negated)
  const m = spendRanks ?? averageRanks(spendFen)
  for (let k = 0; k < n; k++) out[k] = { r: quintileOfRank(r[k]!, n), f: frequencyScore(occasions[k]!), m: quintileOfRank(m[k]!, n) }
  return out
}
