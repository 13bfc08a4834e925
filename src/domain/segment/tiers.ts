/** Value tiers A/B/C/D by a weighted score (综合加权) and credit grades from payment behaviour. */
import { formatFen } from '../money.js'
import type { CreditFacts } from './credit.js'
import type { ClassifyPolicy } from './policy.js'
import { averageRanks } from './rfm.js'

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
function ranks(values: readonly number[]): Float64Array {
  return averageRanks(values).map(r => r / values.length)
}

/** Tiers for all customers at once: shares of the ranking, or absolute spend for small merchants. */
export function assignTiers(inputs: readonly TierInput[], policy: ClassifyPolicy): TierResult[] {
  const n = inputs.length
  const { weights, shares, absoluteBelow, absoluteFen } = policy.tiers
  const anyProfit = inputs.some(i => i.profitFen !== null)
  const spend = ranks(inputs.map(i => i.yearFen))
  const profit = anyProfit ? ranks(inputs.map(i => i.profitFen ?? 0)) : spend
  const prospects = ranks(inputs.map(i => i.prospectFen))
  const total = weights.spend + weights.profit + weights.credit + weights.prospects
  const scores = inputs.map((input, k) =>
    (weights.spend * spend[k]! + weights.profit * profit[k]! + weights.credit * CREDIT_POINTS[input.credit] + weights.prospects * prospects[k]!) / total)
  if (n < absoluteBelow) {
    return inputs.map((input, k) => {
      const tier: Tier = input.yearFen >= absoluteFen[0] ? 'A' : input.yearFen >= absoluteFen[1] ? 'B' : input.yearFen >= absoluteFen[2] ? 'C' : 'D'
      return { tier, score: scores[k]!, reason: `近一年消费${formatFen(input.yearFen)}` }
    })
  }
  const byScore = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  const out = new Array<TierResult>(n)
  const cutA = Math.round(n * shares[0])
  const cutB = cutA + Math.round(n * shares[1])
  const cutC = cutB + Math.round(n * shares[2])
  byScore.forEach(([score, i], position) => {
    const tier: Tier = position < cutA ? 'A' : position < cutB ? 'B' : position < cutC ? 'C' : 'D'
    const top = Math.max(1, Math.ceil(((position + 1) / n) * 100))
    out[i] = { tier, score, reason: `近一年消费${formatFen(inputs[i]!.yearFen)}，综合得分排前${top}%` }
  })
  return out
}

/** Credit grade: A pays on time; D owes money more than 90 days past due. */
export function creditGrade(c: CreditFacts): { grade: CreditGrade, reason: string } {
  const owed = c.overdueFen > 0 ? `有${formatFen(c.overdueFen)}逾期未付，最长逾期${c.maxDaysOverdue}天` : null
  const onTime = c.onTimeShare === null ? null : `按时付款率${Math.round(c.onTimeShare * 100)}%`
  if (c.maxDaysOverdue > 90 || (c.overdueFen > 0 && c.onTimeShare !== null && c.onTimeShare < 0.5)) return { grade: 'D', reason: owed ?? onTime! }
  if (c.maxDaysOverdue > 30) return { grade: 'C', reason: owed! }
  if (c.overdueFen > 0 || (c.onTimeShare !== null && c.onTimeShare < 0.9)) return { grade: 'B', reason: owed ?? onTime! }
  if (c.unpaidFen > 0) return { grade: 'A', reason: `有${formatFen(c.unpaidFen)}未付，尚未到期` }
  return { grade: 'A', reason: c.creditOrders > 0 ? `赊账${c.creditOrders}单，均按时付清` : '没有欠款' }
}
