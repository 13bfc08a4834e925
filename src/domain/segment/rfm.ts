/** RFM scores 1–5 (ANALYTICS.md §7): quintiles with averaged ranks for ties, fixed F breakpoints. */

export interface RfmInput { recencyDays: number, occasions: number, spendFen: number }
export interface RfmScore { r: number, f: number, m: number }

/** Quintile score of each value (higher value ⇒ higher score); equal values get equal scores. */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0])
  const scores = new Array<number>(n)
  for (let i = 0; i < n;) {
    let j = i
    while (j + 1 < n && order[j + 1]![0] === order[i]![0]) j++
    const avgRank = (i + j) / 2 + 1
    const score = 1 + Math.floor((5 * (avgRank - 1)) / n)
    for (let k = i; k <= j; k++) scores[order[k]![1]] = Math.min(5, score)
    i = j + 1
  }
  return scores
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
