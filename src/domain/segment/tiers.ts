/** Value tiers A/B/C/D by a weighted score (综合加权) and credit grades from payment behaviour. */
import { formatFen } from '../money.js'
import type { CreditFacts } from './credit.js'
import type { ClassifyPolicy } from './policy.js'
import { averageRanks, countBelow } from './rfm.js'

export type Tier = 'A' | 'B' | 'C' | 'D'
export type CreditGrade = 'A' | 'B' | 'C' | 'D'

export interface TierInput {
  yearFen: number
  /** Profit contribution when costs are known, else null. */
  profitFen: number | null
  credit: CreditGrade
  /** Expected value ahead (fen), from the models or a rule. */
  prospectFen: number
}

export interface TierResult { tier: Tier, score: number, reason: string }

const CREDIT_POINTS: Record<CreditGrade, number> = { A: 1, B: 2 / 3, C: 1 / 3, D: 0 }

/** Percentile ranks in (0, 1], ties sharing their average rank. */
function ranks(values: ArrayLike<number>): Float64Array {
  return averageRanks(values).map(r => r / values.length)
}

/** Columns for {@link rankTiers}: one entry per customer. */
export interface TierColumns {
  yearFen: Float64Array
  /** Profit with unknown as 0, or null when no customer has a known profit (profit then ranks like spend). */
  profitFen: Float64Array | null
  credit: readonly CreditGrade[]
  prospectFen: Float64Array
  /** averageRanks(yearFen), when the caller already has it. */
  spendRanks?: Float64Array
}

/** Tier per customer, weighted score, and place in the ranking (null in absolute mode, under `absoluteBelow` customers). */
export interface TierRanking { tiers: Tier[], scores: Float64Array, positions: Int32Array | null }

/** Places in descending score order, ties by index: one numeric sort and a binary search per customer. */
function descendingPositions(scores: Float64Array): Int32Array {
  const n = scores.length
  const sorted = scores.slice().sort()
  // taken[u]: how many earlier customers already sit in the run of ties whose upper bound is u.
  const taken = new Int32Array(n + 1)
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const lo = countBelow(sorted, scores[i]!, true)
    out[i] = n - lo + taken[lo]!
    taken[lo]!++
  }
  return out
}

/** Tiers for all customers at once, on columns: shares of the ranking, or absolute spend for small merchants. */
export function rankTiers(columns: TierColumns, policy: ClassifyPolicy): TierRanking {
  const { yearFen, credit } = columns
  const n = yearFen.length
  const { weights, shares, absoluteBelow, absoluteFen } = policy.tiers
  const spend = columns.spendRanks === undefined ? ranks(yearFen) : columns.spendRanks.map(r => r / n)
  const profit = columns.profitFen === null ? spend : ranks(columns.profitFen)
  const prospects = ranks(columns.prospectFen)
  const total = weights.spend + weights.profit + weights.credit + weights.prospects
  const scores = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    scores[k] = (weights.spend * spend[k]! + weights.profit * profit[k]! + weights.credit * CREDIT_POINTS[credit[k]!] + weights.prospects * prospects[k]!) / total
  }
  const tiers = new Array<Tier>(n)
  if (n < absoluteBelow) {
    for (let k = 0; k < n; k++) {
      const y = yearFen[k]!
      tiers[k] = y >= absoluteFen[0] ? 'A' : y >= absoluteFen[1] ? 'B' : y >= absoluteFen[2] ? 'C' : 'D'
    }
    return { tiers, scores, positions: null }
  }
  const positions = descendingPositions(scores)
  const cutA = Math.round(n * shares[0])
  const cutB = cutA + Math.round(n * shares[1])
  const cutC = cutB + Math.round(n * shares[2])
  for (let k = 0; k < n; k++) {
    const position = positions[k]!
    tiers[k] = position < cutA ? 'A' : position < cutB ? 'B' : position < cutC ? 'C' : 'D'
  }
  return { tiers, scores, positions }
}

/** The tier reason: 12-month spend, and the place in the ranking when there is one (0-based position of n). */
export function tierReason(yearFen: number, position: number | null, n: number): string {
  if (position === null) return '近一年消费' + formatFen(yearFen)
  return '近一年消费' + formatFen(yearFen) + '，综合得分排前' + Math.max(1, Math.ceil(((position + 1) / n) * 100)) + '%'
}

/** Tiers for all customers at once: shares of the ranking, or absolute spend for small merchants. */
export function assignTiers(inputs: readonly TierInput[], policy: ClassifyPolicy): TierResult[] {
  const n = inputs.length
  const yearFen = new Float64Array(n)
  const prospectFen = new Float64Array(n)
  const profitFen = new Float64Array(n)
  let anyProfit = false
  for (let k = 0; k < n; k++) {
    const input = inputs[k]!
    yearFen[k] = input.yearFen
    prospectFen[k] = input.prospectFen
    profitFen[k] = input.profitFen ?? 0
    if (input.profitFen !== null) anyProfit = true
  }
  const { tiers, scores, positions } = rankTiers({ yearFen, profitFen: anyProfit ? profitFen : null, credit: inputs.map(i => i.credit), prospectFen }, policy)
  return inputs.map((input, k) => ({ tier: tiers[k]!, score: scores[k]!, reason: tierReason(input.yearFen, positions === null ? null : positions[k]!, n) }))
}

/** Credit grade: A pays on time; D owes money more than 90 days past due. */
export function creditGrade(c: CreditFacts): { grade: CreditGrade, reason: string } {
  const owed = c.overdueFen > 0 ? `有${formatFen(c.overdueFen)}逾期未付，最长逾期${c.maxDaysOverdue}天` : null
  const onTime = c.onTimeShare === null ? null : `按时付款率${Math.round(c.onTimeShare * 100)}%`
  if (c.maxDaysOverdue > 90 || (c.overdueFen > 0 && c.onTimeShare !== null && c.onTimeShare < 0.5)) return { grade: 'D', reason: owed ?? onTime! }
  if (c.maxDaysOverdue > 30) return { grade: 'C', reason: owed! }
  if (c.overdueFen > 0 || (c.onTimeShare !== null && c.onTimeShare < 0.9)) return { grade: 'B', reason: owed ?? onTime! }
  if (c.unpaidFen > 0) return { grade: 'A', reason: `有${formatFen(c.unpaidFen)}未付${c.codFen > 0 ? '（含货到付款待收）' : ''}，尚未到期` }
  const prepaid = c.prepaidFen > 0 ? `，预收款${formatFen(c.prepaidFen)}` : ''
  return { grade: 'A', reason: (c.creditOrders > 0 ? `赊账${c.creditOrders}单，均按时付清` : '没有欠款') + prepaid }
}
